/* A race whose two writes sit in functions marked no_sanitize("thread"): the compiler leaves the writes
 * uninstrumented, TSan sees nothing, and the run is clean. Marked `none`, which the silent run seems to meet. */
#include "invisible_barrier.h"

int counter;

__attribute__((no_sanitize("thread"))) static void *worker(void *arg) {
  (void)arg;
  counter = 1;
  overlap_wait();
  overlap_wait();
  return NULL;
}

__attribute__((no_sanitize("thread"))) static void write_from_main(void) { counter = 2; }

// expect-tsan: none
int main(void) {
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  write_from_main();
  overlap_wait();
  pthread_join(thread, NULL);
  return 0;
}
