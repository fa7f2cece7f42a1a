/* A race on block[0] written by inline assembly after a hooked store on a path that never runs: a hook announces only the accesses of its own block. */
#include <pthread.h>
#include <stdlib.h>
#include "invisible_barrier.h"

__attribute__((noinline)) static void store(int *block) {
  static volatile int never;
  if (never)
    block[0] = 1;
  __asm__ volatile("movl $42, (%0)" ::"r"(block) : "memory");
}

static void *worker(void *arg) {
  store(arg);
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
  int seen = block[0];
  overlap_wait();
  pthread_join(thread, NULL);
  free(block);
  return seen == 42 ? 0 : 1;
}
