/* The mistake: a race on a mutex. Main starts the worker and only then initializes the lock the worker uses.
 * TSan treats pthread_mutex_init as a write of the mutex and locking it as an atomic read; the init comes after
 * pthread_create, so nothing orders it before the worker's lock: TSan reports a data race on the mutex itself,
 * at the worker's lock. Here the worker locks only after the init (the invisible barrier forces that order), so
 * it works by luck; in the other order it would lock a mutex that is not yet initialized.
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_mutex_init (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_mutex.cpp MutexCreate, MutexPostLock (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp
 * CheckRaces (LLVM 14). */
#include "../casebook.h"

// expect-output: Ending value is 1.

static struct {
  int value;
  pthread_mutex_t lock;
} store;
static invisible_barrier initialized;

static void *worker(void *arg) {
  (void)arg;
  invisible_barrier_wait(&initialized);
  pthread_mutex_lock(&store.lock); // expect-tsan: data race -- main initialized it after pthread_create
  int local_copy = store.value;
  local_copy += 1;
  store.value = local_copy;
  pthread_mutex_unlock(&store.lock);
  return NULL;
}

int main(void) {
  pthread_t thread;
  invisible_barrier_init(&initialized, 2);
  pthread_create(&thread, NULL, worker, NULL);
  pthread_mutex_init(&store.lock, NULL);
  invisible_barrier_wait(&initialized);
  pthread_join(thread, NULL);
  pthread_mutex_destroy(&store.lock);
  say("Ending value is %d.", store.value);
  return 0;
}
