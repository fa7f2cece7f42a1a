/* calls_a_file_built_without_tsan.c against counter_add in a vendor's shared library (built without TSan and
 * without -g), which the case declares. */
#include "invisible_barrier.h"

void counter_add(int amount);

static void *worker(void *arg) {
  (void)arg;
  counter_add(1);
  overlap_wait();
  overlap_wait();
  return NULL;
}

// tsan-hides: uninstrumented libcounter.so -- a vendor library, shipped without TSan
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
