/* The mistake: main holds the store's lock while it joins the worker, and the worker needs that lock to finish,
 * so each waits for the other for ever. The worker's lock is a timed one that gives up after a second,
 * so the case ends. TSan reports nothing: its deadlock detector follows only the order in which one thread takes
 * mutexes, and a join is no mutex, so the cycle (main waits for the worker's end, the worker for main's lock) is no
 * edge of its graph. The fix: main unlocks before it joins.
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPreLock (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_join (LLVM 14); POSIX.1-2017 pthread_mutex_timedlock(). */
#include "../casebook.h"
#include <errno.h>

// expect-tsan: none -- misses: main joins while holding the lock the worker waits for
// expect-output: worker: the lock is held by the thread that joins me.
// expect-output: main: the value is 0.

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};

static void *worker(void *unused) {
  (void)unused;
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += 1;
  if (pthread_mutex_timedlock(&store.lock, &deadline) == ETIMEDOUT) {
    say("worker: the lock is held by the thread that joins me.");
    return NULL;
  }
  store.value += 1;
  pthread_mutex_unlock(&store.lock);
  return NULL;
}

int main(void) {
  pthread_t thread;
  pthread_mutex_lock(&store.lock);
  pthread_create(&thread, NULL, worker, NULL);
  pthread_join(thread, NULL); // expect-bug: deadlock -- the worker needs the lock main holds
  say("main: the value is %d.", store.value);
  pthread_mutex_unlock(&store.lock);
  return 0;
}
