/* The fix: the early return unlocks too, so every path through update() releases the lock it took. The
 * mutex is unlocked when main destroys it, and TSan reports nothing. (A scoped lock, as in
 * seed/scoped_lock.c, makes this mistake impossible.)
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock,
 * pthread_mutex_unlock (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14);
 * compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexDestroy, ReportDestroyLocked (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Ending value is 1.

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};

static void *update(void *arg) {
  int amount = *(const int *)arg;
  pthread_mutex_lock(&store.lock);
  if (amount == 0) {
    pthread_mutex_unlock(&store.lock);
    return NULL; /* nothing to add */
  }
  store.value += amount;
  pthread_mutex_unlock(&store.lock);
  return NULL;
}

int main(void) {
  static const int amounts[] = {1, 0}; /* one update after the other */
  for (int i = 0; i < 2; i++) {
    pthread_t thread;
    pthread_create(&thread, NULL, update, (void *)&amounts[i]);
    pthread_join(thread, NULL);
  }
  say("Ending value is %d.", store.value);
  pthread_mutex_destroy(&store.lock);
  return 0;
}
