/* An update that has nothing to add returns early and forgets to unlock on that path, so the lock stays
 * held after its thread has ended. (Had another update come after it, that one would wait forever.) Main
 * then destroys the mutex, and destroying a locked mutex is undefined; glibc refuses with EBUSY. TSan tracks
 * who holds each mutex and reports a destroy of a locked mutex at the pthread_mutex_destroy() call, with the
 * lock that was never released as the second stack.
 * Source: POSIX.1-2017 pthread_mutex_destroy(); glibc 2.36 nptl/pthread_mutex_destroy.c ___pthread_mutex_destroy;
 * compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_mutex_destroy (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_mutex.cpp MutexDestroy, ReportDestroyLocked (LLVM 14). */
#include "../casebook.h"

// expect-output: Ending value is 1.

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};

static void *update(void *arg) {
  int amount = *(const int *)arg;
  pthread_mutex_lock(&store.lock);
  if (amount == 0)
    return NULL; /* nothing to add */
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
  pthread_mutex_destroy(&store.lock); // expect-tsan: destroy of a locked mutex -- the early return kept it locked
  return 0;
}
