/* A race between a plain write and a relaxed atomic load. Built with -fno-sanitize-thread-atomics, the load is a
 * plain mov that no hook announces, and the run is silent. */
#include <pthread.h>
#include "invisible_barrier.h"

long counter;
long seen;

static void *worker(void *arg) {
  (void)arg;
  counter = 1;
  overlap_wait();
  overlap_wait();
  return NULL;
}

// expect-tsan: none
int main(void) {
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  seen = __atomic_load_n(&counter, __ATOMIC_RELAXED);
  overlap_wait();
  pthread_join(thread, NULL);
  return seen == 1 ? 0 : 1;
}
