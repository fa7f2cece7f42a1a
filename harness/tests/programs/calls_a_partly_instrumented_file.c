/* Races on `tally` inside tally_add(), which lives in calls_a_partly_instrumented_file_lib.c: that file is built
 * with TSan, but tally_add carries no_sanitize("thread"), so TSan sees none of its accesses while the file's other
 * function is instrumented. Marked `none`, which the silent run seems to meet. p01_instrumented builds both. */
#include "invisible_barrier.h"

void tally_add(long amount);
long tally_read(void);

static void *worker(void *arg) {
  (void)arg;
  tally_add(1);
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
  tally_add(2);
  overlap_wait();
  pthread_join(thread, NULL);
  return tally_read() == 3 ? 0 : 1;
}
