/* pthread_mutex_timedlock waits for the lock only until a deadline, then gives up with ETIMEDOUT. Second waits
 * 20 ms while First holds the lock, times out, and updates `value` anyway. Its read and write are unlocked, so
 * nothing orders them after First's locked write: TSan reports a data race on `value`. First holds the lock
 * until Second is done, so the timeout is certain and no timing decides the outcome.
 * Source: POSIX.1-2017 pthread_mutex_timedlock(); glibc 2.36 nptl/pthread_mutex_timedlock.c
 * __pthread_mutex_clocklock_common; compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp
 * pthread_mutex_timedlock (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14);
 * compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14). */
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
  store.value += 1; // expect-tsan: data race -- Second goes ahead without the lock
  if (!second)
    meet_other_update(); /* First, still holding the lock, lets Second try... */
  meet_other_update();   /* ...and keeps it until Second is done */
  if (!timed_out)
    pthread_mutex_unlock(&store.lock);
  say("Thread %s: finishing update", name);
}

int main(void) { return run_lesson(update, &store.value); }
