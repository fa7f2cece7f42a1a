/* The mistake: main holds the configuration's lock while it waits on a condition variable for the worker's
 * signal, and the worker must take that lock before it can signal, so each waits for the other. Main's wait is
 * a timed one that gives up after a second, so the case ends. TSan reports nothing: its deadlock detector
 * builds a graph of the mutexes a thread takes while it holds others, and a wait for a signal is no such edge:
 * the only edge here (configuration lock, then the wait's mutex) is taken in the same order by every thread. The
 * fix: main lets go of the configuration's lock before it waits.
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPreLock (LLVM 14); compiler-rt
 * lib/sanitizer_common/sanitizer_deadlock_detector1.cpp DD::MutexBeforeLock (LLVM 14); POSIX.1-2017
 * pthread_cond_timedwait(). */
#include "../casebook.h"
#include <errno.h>

// expect-tsan: none -- misses: the cycle runs through a condition variable, not two mutexes
// expect-output: main: no signal came; the worker needs the lock main holds.

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
  pthread_mutex_lock(&store.lock);
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += 1;
  while (!store.ready) {
    if (pthread_cond_timedwait(&store.changed, &store.lock, &deadline) == ETIMEDOUT) { // expect-bug: deadlock
      say("main: no signal came; the worker needs the lock main holds.");
      break;
    }
  }
  if (store.ready)
    say("main: the worker is ready.");
  pthread_mutex_unlock(&store.lock);
  pthread_mutex_unlock(&store.config_lock);
  pthread_join(thread, NULL);
  return 0;
}
