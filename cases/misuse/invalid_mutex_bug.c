/* Main destroys the store's mutex right after starting the worker, before joining it: the mutex version of
 * freeing memory that is still in use. The worker's pthread_mutex_lock() then works on a destroyed mutex;
 * glibc marks destroyed mutexes and fails with EINVAL, and TSan, which watches that result, reports a use of
 * an invalid mutex at the worker's lock. (The invisible barrier makes the destroy come first without
 * ordering anything for TSan.)
 * Source: POSIX.1-2017 pthread_mutex_destroy(); glibc 2.36 nptl/pthread_mutex_destroy.c ___pthread_mutex_destroy;
 * glibc 2.36 nptl/pthread_mutex_lock.c __pthread_mutex_lock_full; compiler-rt
 * lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_mutex.cpp MutexInvalidAccess (LLVM 14). */
#include "../casebook.h"
#include <string.h>

// expect-output: Worker: cannot lock: Invalid argument

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};

static invisible_barrier started;

static void *update(void *arg) {
  (void)arg;
  invisible_barrier_wait(&started);
  int error = pthread_mutex_lock(&store.lock); // expect-tsan: use of an invalid mutex -- main destroyed it
  if (error != 0) {
    say("Worker: cannot lock: %s", strerror(error));
    return NULL;
  }
  store.value += 1;
  pthread_mutex_unlock(&store.lock);
  return NULL;
}

int main(void) {
  pthread_t thread;
  invisible_barrier_init(&started, 2);
  pthread_create(&thread, NULL, update, NULL);
  pthread_mutex_destroy(&store.lock);
  invisible_barrier_wait(&started);
  pthread_join(thread, NULL);
  say("Ending value is %d.", store.value);
  return 0;
}
