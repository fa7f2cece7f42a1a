/* The fix: main lets go of the configuration's lock once it has read it, before it waits for the worker's signal,
 * so the worker can take that lock, count itself and signal. No thread waits while holding what the other needs,
 * and TSan reports nothing.
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPreLock (LLVM 14); compiler-rt
 * lib/sanitizer_common/sanitizer_deadlock_detector1.cpp DD::MutexBeforeLock (LLVM 14); POSIX.1-2017
 * pthread_cond_timedwait(). */
#include "../casebook.h"
#include <errno.h>

// expect-tsan: none
// expect-output: main: the worker is ready.

static struct {
  int threads; /* the configuration */
  pthread_mutex_t config_lock;
  bool ready;
  pthread_mutex_t lock;
  pthread_cond_t changed;
} store = {1, PTHREAD_MUTEX_INITIALIZER, false, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER};

static void *worker(void *unused) {
  (void)unused;
  pthread_mutex_lock(&store.config_lock);
  store.threads += 1;
  pthread_mutex_unlock(&store.config_lock);
  pthread_mutex_lock(&store.lock);
  store.ready = true;
  pthread_cond_signal(&store.changed);
  pthread_mutex_unlock(&store.lock);
  return NULL;
}

int main(void) {
  pthread_t thread;
  struct timespec deadline;
  pthread_mutex_lock(&store.config_lock);
  pthread_create(&thread, NULL, worker, NULL);
  say("main: the configuration has %d thread.", store.threads);
  pthread_mutex_unlock(&store.config_lock);
  pthread_mutex_lock(&store.lock);
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += 1;
  while (!store.ready) {
    if (pthread_cond_timedwait(&store.changed, &store.lock, &deadline) == ETIMEDOUT) {
      say("main: no signal came; the worker needs the lock main holds.");
      break;
    }
  }
  if (store.ready)
    say("main: the worker is ready.");
  pthread_mutex_unlock(&store.lock);
  pthread_join(thread, NULL);
  return 0;
}
