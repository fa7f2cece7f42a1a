/* Races on `shared` inside counter_add(), which lives in calls_a_file_built_without_tsan_lib.c: the test builds
 * that file without -fsanitize=thread (only the link has it), so TSan sees none of its accesses. Marked `none`,
 * which the silent run seems to meet. */
#include "invisible_barrier.h"

void counter_add(int amount);

static void *worker(void *arg) {
  (void)arg;
  counter_add(1);
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
  counter_add(2);
  overlap_wait();
  pthread_join(thread, NULL);
  return 0;
}
