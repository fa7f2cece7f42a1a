/* pthread_mutex_trylock never waits: it returns 0 with the lock or EBUSY without it. Here Second tries while
 * First holds the lock, gets EBUSY, and updates `value` anyway. Second's read and write happen with no lock, so
 * nothing orders them after First's locked write: TSan reports a data race on `value` (the other access shows
 * "mutexes: write M0", held by First only). The ending value is still 3, only because the invisible barrier
 * keeps the two apart in time; TSan reports the race anyway, since it looks for a missing happens-before edge,
 * not for accesses that actually overlap.
 * Source: POSIX.1-2017 pthread_mutex_trylock(); glibc 2.36 nptl/pthread_mutex_trylock.c ___pthread_mutex_trylock;
 * compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_mutex_trylock (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp
 * CheckRaces (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_report.cpp ReportRace (LLVM 14). */
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
  int busy = pthread_mutex_trylock(&store.lock);
  say(busy ? "Thread %s did not get the lock" : "Thread %s has lock", name);
  store.value += 1; // expect-tsan: data race -- Second goes ahead without the lock
  if (!second)
    meet_other_update(); /* First, still holding the lock, lets Second try... */
  meet_other_update();   /* ...and keeps it until Second is done */
  if (!busy)
    pthread_mutex_unlock(&store.lock);
  say("Thread %s: finishing update", name);
}

int main(void) { return run_lesson(update, &store.value); }
