/* The fix: touch `value` only when pthread_mutex_timedlock returned 0. Second waits 20 ms while First holds the
 * lock, times out with ETIMEDOUT, and leaves the value alone (a caller that times out must give up or try
 * again, never go ahead). Every access to `value` is locked, TSan reports nothing, and the ending value is 2
 * because Second's update was dropped on purpose.
 * Source: POSIX.1-2017 pthread_mutex_timedlock(); glibc 2.36 nptl/pthread_mutex_timedlock.c
 * __pthread_mutex_clocklock_common; compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp
 * pthread_mutex_timedlock (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14).
 * */
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
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_nsec += 20 * 1000 * 1000;
  if (deadline.tv_nsec >= 1000 * 1000 * 1000) {
    deadline.tv_sec += 1;
    deadline.tv_nsec -= 1000 * 1000 * 1000;
  }
  int timed_out = pthread_mutex_timedlock(&store.lock, &deadline);
  say(timed_out ? "Thread %s gave up waiting for the lock" : "Thread %s has lock", name);
  if (!timed_out)
    store.value += 1;
  if (!second)
    meet_other_update(); /* First, still holding the lock, lets Second try... */
  meet_other_update();   /* ...and keeps it until Second is done */
  if (!timed_out)
    pthread_mutex_unlock(&store.lock);
  say("Thread %s: finishing update", name);
}

int main(void) { return run_lesson(update, &store.value); }
