/* The fix: the full path no longer unlocks on its own; both paths reach the one unlock at the end, so each
 * lock is released exactly once. TSan reports nothing, and the ending value is still always 2.
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock,
 * pthread_mutex_unlock (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Testing update. Ending value is 2.

enum { LIMIT = 2 };

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};

static void update(const char *name) {
  say("Thread %s: starting update", name);
  pthread_mutex_lock(&store.lock);
  if (store.value == LIMIT) {
    say("Thread %s: the store is full", name);
  } else {
    store.value += 1;
  }
  pthread_mutex_unlock(&store.lock);
  say("Thread %s: finishing update", name);
}

int main(void) { return run_lesson(update, &store.value); }
