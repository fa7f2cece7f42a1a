/* The case half of a link with -Wl,--wrap=__tsan_write4 (p01_instrumented builds it): every call its code makes to
 * the write hook reaches __wrap___tsan_write4 in wraps_its_write_hook_lib.c, which tells TSan nothing. */
#include <pthread.h>
#include <stdlib.h>
#include "invisible_barrier.h"

__attribute__((noinline)) static void store(int *block, int value) { *block = value; }

static void *worker(void *arg) {
  store(arg, 1);
  overlap_wait();
  overlap_wait();
  return NULL;
}

// expect-tsan: none
int main(void) {
  int *block = calloc(1, sizeof *block);
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, block);
  overlap_wait();
  store(block, 2);
  overlap_wait();
  pthread_join(thread, NULL);
  free(block);
  return 0;
}
