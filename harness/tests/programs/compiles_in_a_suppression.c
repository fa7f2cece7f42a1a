/* Races, and compiles in a suppression for it (__tsan_default_suppressions): TSan stays silent, and says only
 * that a suppression matched. Marked `none`, which the silent run seems to meet. */
#include "invisible_barrier.h"

#include <pthread.h>

int counter;

const char *__tsan_default_suppressions(void) { return "race:worker\n"; }

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
  counter = 2;
  overlap_wait();
  pthread_join(thread, NULL);
  return 0;
}
