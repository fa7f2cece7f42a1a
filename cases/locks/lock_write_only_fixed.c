/* The fix: the lock is taken before the look at `value`, so the read and the write of each update both happen
 * while it is held. Each unlock happens-before the next update's lock, so every read sees the previous
 * update's write in order: TSan reports nothing, and the ending value is always 3.
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock,
 * pthread_mutex_unlock (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14);
 * POSIX.1-2017 XBD 4.12. */
#include "../casebook.h"
#include <string.h>

// expect-tsan: none
// expect-output: Testing update. Ending value is 3.

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};

static void update(const char *name) {
  bool second = strcmp(name, "Second") == 0;
  if (second)
    meet_other_update(); /* Second starts only once First is done... */
  pthread_mutex_lock(&store.lock);
  int seen = store.value;
  say("Thread %s sees %d", name, seen);
  pretend_to_work();
  store.value = seen + 1;
  pthread_mutex_unlock(&store.lock);
  say("Thread %s wrote %d", name, seen + 1);
  if (!second)
    meet_other_update(); /* First lets Second start... */
  meet_other_update();   /* ...and waits for it, so Third starts after Second is done */
}

int main(void) { return run_lesson(update, &store.value); }
