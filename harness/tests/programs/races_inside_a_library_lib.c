/* The library half of races_inside_a_library.c: it starts two threads of its own that both write lib_counter,
 * ordered only by TSan's invisible barrier. Both access stacks are in this file; the test's file is only in the
 * stack that created the threads. */
#include "invisible_barrier.h"

int lib_counter;

static void *lib_worker(void *arg) {
  overlap_wait();
  if (arg)
    overlap_wait();
  lib_counter++;
  if (!arg)
    overlap_wait();
  return NULL;
}

void lib_run(void) {
  pthread_t first, second;
  overlap_init();
  pthread_create(&first, NULL, lib_worker, NULL);
  pthread_create(&second, NULL, lib_worker, &first);
  pthread_join(first, NULL);
  pthread_join(second, NULL);
}
