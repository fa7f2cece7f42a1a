/* The fix: one mutex for the data, shared by every thread that touches it (here a static next to the code it
 * guards). All updates lock the same mutex, so each unlock happens-before the next update's lock, TSan reports
 * nothing, and the ending value is always 3.
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock,
 * pthread_mutex_unlock (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14);
 * POSIX.1-2017 XBD 4.12. */
#include "../casebook.h"
#include <string.h>

// expect-tsan: none
// expect-output: Testing update. Ending value is 3.

static struct {
  int value;
} store;

static void update(const char *name) {
  bool second = strcmp(name, "Second") == 0;
  if (second)
    meet_other_update(); /* Second starts only once First is done... */
  static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
  say("Thread %s: starting update", name);
  pthread_mutex_lock(&lock);
  say("Thread %s has lock", name);
  int local_copy = store.value;
  local_copy += 1;
  pretend_to_work();
  store.value = local_copy;
  say("Thread %s about to release lock", name);
  pthread_mutex_unlock(&lock);
  say("Thread %s: finishing update", name);
  if (!second)
    meet_other_update(); /* First lets Second start... */
  meet_other_update();   /* ...and waits for it, so Third starts after Second is done */
}

int main(void) { return run_lesson(update, &store.value); }
