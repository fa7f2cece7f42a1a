/* A race on `shared` written by inline assembly right after a hooked store to `mine`: the write hook before it was
 * told of another block, so the store is one TSan never saw. */
#include <pthread.h>
#include <stdlib.h>
#include "invisible_barrier.h"

__attribute__((noinline)) static void store(int *mine, int *shared) {
  *mine = 1;
  __asm__ volatile("movl $42, (%0)" ::"r"(shared) : "memory");
}

static void *worker(void *arg) {
  int *mine = malloc(sizeof *mine);
  store(mine, arg);
  overlap_wait();
  overlap_wait();
  free(mine);
  return NULL;
}

// expect-tsan: none
int main(void) {
  int *shared = calloc(1, sizeof *shared);
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, shared);
  overlap_wait();
  int seen = *shared;
  overlap_wait();
  pthread_join(thread, NULL);
  free(shared);
  return seen == 42 ? 0 : 1;
}
