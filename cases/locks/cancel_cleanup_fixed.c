/* The fix: the worker registers unlock_store() with pthread_cleanup_push right after taking the lock, so the
 * lock is released however the thread ends: by cancellation, or through pthread_cleanup_pop(1) on the normal
 * path. main cancels the worker while it holds the lock, joins it, then finds the lock free; TSan sees the
 * handler's unlock and reports nothing. The cancel lands at pthread_testcancel(): inside one of the blocking
 * calls TSan intercepts (sem_wait or nanosleep, say), TSan would miss the handler's unlock.
 * Source: POSIX.1-2017 pthread_cleanup_push(); POSIX.1-2017 pthread_testcancel(); compiler-rt
 * lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock, pthread_mutex_unlock (LLVM 14);
 * compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_interceptors_posix.cpp BlockingCall, CondMutexUnlockCtx Unlock (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: The lock is free, value is 1.

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};

static invisible_barrier holding, cancel_sent;

static void unlock_store(void *unused) {
  (void)unused;
  pthread_mutex_unlock(&store.lock);
}

static void *worker(void *unused) {
  (void)unused;
  pthread_mutex_lock(&store.lock);
  pthread_cleanup_push(unlock_store, NULL);
  store.value += 1;
  invisible_barrier_wait(&holding);     /* main may cancel now... */
  invisible_barrier_wait(&cancel_sent); /* ...and has */
  pthread_testcancel();                 /* a cancellation point: the thread ends here */
  store.value += 1;
  pthread_cleanup_pop(1);
  return NULL;
}

int main(void) {
  pthread_t thread;
  void *result;
  invisible_barrier_init(&holding, 2);
  invisible_barrier_init(&cancel_sent, 2);
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&holding);
  pthread_cancel(thread);
  invisible_barrier_wait(&cancel_sent);
  pthread_join(thread, &result);
  say("The worker was %s.", result == PTHREAD_CANCELED ? "cancelled" : "not cancelled");
  if (pthread_mutex_trylock(&store.lock) == 0) { /* lock() would hang if the lock were never released */
    say("The lock is free, value is %d.", store.value);
    pthread_mutex_unlock(&store.lock);
  } else {
    say("The lock is still held by the cancelled worker.");
  }
  pthread_mutex_destroy(&store.lock);
  return 0;
}
