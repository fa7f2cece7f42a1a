/* The fix: main destroys the mutex only after joining the worker, when nobody can use it any more. The
 * worker's lock and unlock work on a live mutex, and TSan reports nothing.
 * Source: POSIX.1-2017 pthread_mutex_destroy(); compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_create,
 * pthread_join (LLVM 14); compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock,
 * pthread_mutex_unlock (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14). */
#include "../casebook.h"
#include <string.h>

// expect-tsan: none
// expect-output: Ending value is 1.

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};

static invisible_barrier started;

static void *update(void *arg) {
  (void)arg;
  invisible_barrier_wait(&started);
  int error = pthread_mutex_lock(&store.lock);
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
  invisible_barrier_wait(&started);
  pthread_join(thread, NULL);
  say("Ending value is %d.", store.value);
  pthread_mutex_destroy(&store.lock);
  return 0;
}
