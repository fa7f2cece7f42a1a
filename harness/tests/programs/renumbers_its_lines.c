/* Hostile: the marker below stands on a line that races with nothing; a line directive spelt with the digraph %:
 * makes the compiler record the worker's racy write under that line's number, so TSan reports the marker's line.
 * (Tests make other spellings of the same directive from this file.) */
#include "invisible_barrier.h"

int untouched;

static void *worker(void *arg) {
  (void)arg;
  untouched = 1; // expect-tsan: data race
%:line 10
  race_counter = 1;
  overlap_wait();
  overlap_wait();
  return NULL;
}

int main(void) {
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  race_counter = 2;
  overlap_wait();
  pthread_join(thread, NULL);
  return 0;
}
