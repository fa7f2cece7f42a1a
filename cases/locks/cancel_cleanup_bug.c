/* The worker is cancelled while it holds the store's lock, and nothing releases the lock on that path: its
 * unlock sits after the cancellation point and never runs. The lock stays locked for good, owned by a thread
 * that no longer exists; main, after joining, can only see it with trylock (a plain lock would hang), and when
 * it destroys the mutex TSan reports the destroy of a locked mutex, naming the worker's lock call. The fix
 * registers the unlock as a cancellation cleanup handler.
 * Source: POSIX.1-2017 pthread_cancel(); POSIX.1-2017 pthread_cleanup_push(); POSIX.1-2017 pthread_mutex_trylock();
 * compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_mutex_destroy (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_mutex.cpp MutexDestroy, ReportDestroyLocked (LLVM 14). */
#include "../casebook.h"

// expect-output: The lock is still held by the cancelled worker.

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};

static invisible_barrier holding, cancel_sent;

static void *worker(void *unused) {
  (void)unused;
  pthread_mutex_lock(&store.lock);
  store.value += 1;
  invisible_barrier_wait(&holding);     /* main may cancel now... */
  invisible_barrier_wait(&cancel_sent); /* ...and has */
  pthread_testcancel();                 /* a cancellation point: the thread ends here */
  store.value += 1;
  pthread_mutex_unlock(&store.lock);
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
  pthread_mutex_destroy(&store.lock); // expect-tsan: destroy of a locked mutex -- locked by the dead worker
  return 0;
}
