/* Two locks taken in opposite orders: First takes value_lock then log_lock, Second takes log_lock then
 * value_lock. Had they overlapped, each could hold one lock and wait forever for the other (a deadlock). Here
 * the updates never overlap (Second runs after First, Third after Second), so nothing hangs, yet TSan records
 * the lock order each thread used, finds the cycle value_lock -> log_lock -> value_lock, and reports a
 * lock-order-inversion.
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, ReportDeadlock (LLVM 14); compiler-rt
 * lib/sanitizer_common/sanitizer_deadlock_detector1.cpp DD::MutexBeforeLock, DD::MutexAfterLock (LLVM 14). */
#include "../casebook.h"
#include <string.h>

// expect-output: Testing update. Ending value is 3.

static struct {
  int value;
  pthread_mutex_t value_lock;
  pthread_mutex_t log_lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER};

static void update(const char *name) {
  bool reversed = strcmp(name, "Second") == 0;
  if (reversed)
    meet_other_update(); /* Second waits here until First has released both locks */
  say("Thread %s: starting update", name);
  pthread_mutex_t *outer = reversed ? &store.log_lock : &store.value_lock;
  pthread_mutex_t *inner = reversed ? &store.value_lock : &store.log_lock;
  pthread_mutex_lock(outer);
  pthread_mutex_lock(inner); // expect-tsan: lock-order-inversion -- taken while holding the other lock
  say("Thread %s has both locks", name);
  store.value += 1;
  pthread_mutex_unlock(inner);
  pthread_mutex_unlock(outer);
  say("Thread %s: finishing update", name);
  if (!reversed)
    meet_other_update(); /* First lets Second start... */
  meet_other_update();   /* ...and waits for it, so Third starts after Second is done */
}

int main(void) { return run_lesson(update, &store.value); }
