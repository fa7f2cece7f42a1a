/* The fix: touch `value` only when pthread_mutex_trylock returned 0. Second tries while First holds the lock,
 * gets EBUSY and leaves the value alone, which is what choosing trylock means: skip (or retry later) instead
 * of waiting. Every access to `value` is then locked, TSan reports nothing, and the ending value is 2 because
 * Second's update was skipped on purpose.
 * Source: POSIX.1-2017 pthread_mutex_trylock(); glibc 2.36 nptl/pthread_mutex_trylock.c ___pthread_mutex_trylock;
 * compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_mutex_trylock (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14). */
#include "../casebook.h"
#include <string.h>

// expect-tsan: none
// expect-output: Testing update. Ending value is 2.

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};

static void update(const char *name) {
  bool second = strcmp(name, "Second") == 0;
  if (second)
    meet_other_update(); /* Second tries only once First holds the lock */
  say("Thread %s: starting update", name);
  int busy = pthread_mutex_trylock(&store.lock);
  say(busy ? "Thread %s did not get the lock" : "Thread %s has lock", name);
  if (!busy)
    store.value += 1;
  if (!second)
    meet_other_update(); /* First, still holding the lock, lets Second try... */
  meet_other_update();   /* ...and keeps it until Second is done */
  if (!busy)
    pthread_mutex_unlock(&store.lock);
  say("Thread %s: finishing update", name);
}

int main(void) { return run_lesson(update, &store.value); }
