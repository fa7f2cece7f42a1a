/* The lock guards the write but not the read: each update looks at `value` first ("only a read") and takes
 * the lock just to write the new value back. A lock orders only what happens while it is held, so First's
 * locked write is not ordered before Second's unlocked read. Second even looks only after First is done here
 * (the invisible barrier), so the value ends right, but TSan reports a data race between the two all the
 * same, as it would if they overlapped and an update were lost.
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock,
 * pthread_mutex_unlock (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14);
 * compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14); POSIX.1-2017 XBD 4.12. */
#include "../casebook.h"
#include <string.h>

// expect-output: Testing update. Ending value is 3.

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};

static void update(const char *name) {
  bool second = strcmp(name, "Second") == 0;
  if (second)
    meet_other_update(); /* Second starts only once First is done... */
  int seen = store.value;
  say("Thread %s sees %d", name, seen);
  pretend_to_work();
  pthread_mutex_lock(&store.lock);
  store.value = seen + 1; // expect-tsan: data race -- the other update read it without the lock
  pthread_mutex_unlock(&store.lock);
  say("Thread %s wrote %d", name, seen + 1);
  if (!second)
    meet_other_update(); /* First lets Second start... */
  meet_other_update();   /* ...and waits for it, so Third starts after Second is done */
}

int main(void) { return run_lesson(update, &store.value); }
