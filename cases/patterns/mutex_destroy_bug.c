/* The mistake: a race on a mutex. Main destroys the store's lock before joining the worker that uses it.
 * TSan treats locking a mutex as an atomic read of it and pthread_mutex_destroy as a write of it, and nothing
 * orders the worker's lock before main's destroy (the worker's unlock would order it only before a later lock of
 * the same mutex): TSan reports a data race on the mutex itself, destroy against lock. The worker is done with the
 * lock by then (the invisible barrier forces that order), so nothing breaks here, by luck alone.
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_mutex_destroy (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_mutex.cpp MutexDestroy, MutexPostLock, MutexUnlock (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14). */
#include "../casebook.h"

// expect-output: Ending value is 1.

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};
static invisible_barrier updated;

static void *worker(void *arg) {
  (void)arg;
  pthread_mutex_lock(&store.lock);
  int local_copy = store.value;
  local_copy += 1;
  store.value = local_copy;
  pthread_mutex_unlock(&store.lock);
  invisible_barrier_wait(&updated);
  return NULL;
}

int main(void) {
  pthread_t thread;
  invisible_barrier_init(&updated, 2);
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&updated);
  pthread_mutex_destroy(&store.lock); // expect-tsan: data race -- destroyed while the worker is unjoined
  pthread_join(thread, NULL);
  say("Ending value is %d.", store.value);
  return 0;
}
