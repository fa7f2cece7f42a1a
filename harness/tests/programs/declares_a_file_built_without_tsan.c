/* calls_a_file_built_without_tsan.c, declaring that the helper it calls is built without TSan: met, with the
 * helper named. */
#include "invisible_barrier.h"

void counter_add(int amount);

static void *worker(void *arg) {
  (void)arg;
  counter_add(1);
  overlap_wait();
  overlap_wait();
  return NULL;
}

// tsan-hides: uninstrumented counter_add -- the helper file is built without TSan on purpose here
// expect-tsan: none
int main(void) {
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  counter_add(2);
  overlap_wait();
  pthread_join(thread, NULL);
  return 0;
}
