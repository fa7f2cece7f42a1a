/* The fix: the helper is log_value_locked(), which expects its caller to hold the lock and never takes it
 * itself (the `_locked` suffix says so), so no thread ever locks a mutex it already owns. A recursive mutex
 * would also end the hang (see recursive_mutex_fixed.c), at the price of hiding who holds the lock. TSan reports
 * nothing, and the value is logged.
 * Source: POSIX.1-2017 pthread_mutex_lock(); compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc
 * pthread_mutex_lock, pthread_mutex_unlock (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock,
 * MutexUnlock (LLVM 14). */
#include "../casebook.h"
#include <errno.h>

// expect-tsan: none
// expect-output: log: the value is 1.

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};

static void log_value_locked(void) { say("log: the value is %d.", store.value); }

static void *update(void *unused) {
  (void)unused;
  pthread_mutex_lock(&store.lock);
  store.value += 1;
  log_value_locked();
  pthread_mutex_unlock(&store.lock);
  return NULL;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, update, NULL);
  pthread_join(thread, NULL);
  return 0;
}
