/* A data race on `counter`: the worker and main both write it, ordered only by a relaxed flag, which gives
 * TSan no happens-before edge. One report, whose two stacks hit the two markers. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

int counter;
static atomic_int started;

static void *worker(void *arg) {
  (void)arg;
  counter = 1; // expect-tsan: data race
  atomic_store_explicit(&started, 1, memory_order_relaxed);
  return NULL;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  while (!atomic_load_explicit(&started, memory_order_relaxed))
    ;
  counter = 2; // expect-tsan: data race
  pthread_join(thread, NULL);
  printf("counter=%d\n", counter);
  return 0;
}
