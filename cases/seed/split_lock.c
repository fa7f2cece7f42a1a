/* The lock is taken twice: once to read, once to write. Every access is locked, so there is no data race and
 * TSan rightly reports nothing, yet First and Second both read 0 before either writes, and one update is lost:
 * the program always ends at 2. This is an atomicity violation, a bug TSan does not look for.
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock, pthread_mutex_unlock
 * (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none -- misses: a lost update under a lock is not a data race
// expect-output: Testing update. Ending value is 2.

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};

static void update(const char *name) {
  say("Thread %s: starting update", name);
  pthread_mutex_lock(&store.lock);
  int local_copy = store.value;
  pthread_mutex_unlock(&store.lock);
  local_copy += 1;
  meet_other_update(); /* both copies are taken before either is written back */
  pthread_mutex_lock(&store.lock);
  store.value = local_copy; // expect-bug: atomicity violation -- writes back a stale copy
  pthread_mutex_unlock(&store.lock);
  meet_other_update(); /* both are written back before Third reads */
  say("Thread %s: finishing update", name);
}

int main(void) { return run_lesson(update, &store.value); }
