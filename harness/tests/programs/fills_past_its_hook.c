/* A race on the heap block filled by an inline-assembly rep stosb right after a hooked 4-byte store to block[0]:
 * the write hook announced 4 bytes, the string instruction writes 64. */
#include <pthread.h>
#include <stdlib.h>
#include "invisible_barrier.h"

__attribute__((noinline)) static void store(int *block) {
  block[0] = 1;
  char *at = (char *)block;
  unsigned long count = 16 * sizeof *block;
  __asm__ volatile("rep stosb" : "+D"(at), "+c"(count) : "a"(42) : "memory");
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
