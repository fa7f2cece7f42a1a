/* A race on block[2 * slot] written by inline assembly right after a hooked store to block[slot]: the store's index
 * is scaled by 8 where the hook's was scaled by 4, so it writes where TSan was never told. */
#include <pthread.h>
#include <stdlib.h>
#include "invisible_barrier.h"

__attribute__((noinline)) static void store(int *block, long slot) {
  block[slot] = 1;
  __asm__ volatile("movl $42, (%0,%1,8)" ::"r"(block), "r"(slot) : "memory");
}

static void *worker(void *arg) {
  store(arg, 3);
  overlap_wait();
  overlap_wait();
  return NULL;
}

// expect-tsan: none
int main(void) {
  int *block = calloc(16, sizeof *block);
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, block);
  overlap_wait();
  int seen = block[6];
  overlap_wait();
  pthread_join(thread, NULL);
  free(block);
  return seen == 42 ? 0 : 1;
}
