/* A race on `shared` written by inline assembly with fistp, an x87 store whose memory operand the disassembler
 * marks read: no hook announces it, and TSan never sees the write. */
#include <pthread.h>
#include <stdlib.h>
#include "invisible_barrier.h"

__attribute__((noinline)) static void store(int *shared) {
  int value = 42;
  __asm__ volatile("fildl %1\n\tfistpl (%0)" ::"r"(shared), "m"(value) : "memory");
}

static void *worker(void *arg) {
  store(arg);
  overlap_wait();
  overlap_wait();
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
