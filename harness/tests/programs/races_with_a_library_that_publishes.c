/* main writes `flag` plainly while the worker's call into the library (publishes_with_a_relaxed_store_lib.c) stores
 * it atomically, ordered only by TSan's invisible barrier: a race TSan reports when the library's atomics are
 * instrumented. The marker pins it in the library's function. */
#include "invisible_barrier.h"
#include <pthread.h>
#include <stdatomic.h>

void publish(atomic_int *target);

atomic_int flag;

static void *worker(void *arg) {
  (void)arg;
  overlap_wait();
  publish(&flag);
  overlap_wait();
  return NULL;
}

int main(void) {
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  *(int *)&flag = 2;
  overlap_wait();
  overlap_wait();
  pthread_join(thread, NULL);
  return 0;
}
// expect-tsan: data race in publish
