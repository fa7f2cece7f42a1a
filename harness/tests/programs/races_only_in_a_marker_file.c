/* The test half of races_only_in_a_marker_file_lib.c: its own race (main_counter, between main and a worker) is
 * marked here; the library's races run in threads the library starts from a constructor, so no stack of theirs holds
 * a line of this file, not even where their threads were created. main only waits for them. */
#include "invisible_barrier.h"

void lib_wait(void);
int main_counter;

static void *worker(void *arg) {
  (void)arg;
  main_counter = 1;
  overlap_wait();
  overlap_wait();
  return NULL;
}

int main(void) {
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  main_counter = 2; // expect-tsan: data race
  overlap_wait();
  pthread_join(thread, NULL);
  lib_wait();
  return 0;
}
