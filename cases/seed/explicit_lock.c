/* The fix, with explicit lock and unlock calls around the whole read-copy-write. Every access to `value`
 * happens with the mutex held, and each unlock happens-before the next lock, so TSan sees the three updates
 * in a chain and reports nothing; the ending value is always 3.
 * Source: POSIX.1-2017 pthread_mutex_lock(); compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc
 * pthread_mutex_lock, pthread_mutex_unlock (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock,
 * MutexUnlock (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Testing update. Ending value is 3.

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};

static void update(const char *name) {
  say("Thread %s: starting update", name);
  pthread_mutex_lock(&store.lock);
  say("Thread %s has lock", name);
  int local_copy = store.value;
  local_copy += 1;
  pretend_to_work();
  store.value = local_copy;
  say("Thread %s about to release lock", name);
  pthread_mutex_unlock(&store.lock);
  say("Thread %s: finishing update", name);
}

int main(void) { return run_lesson(update, &store.value); }
