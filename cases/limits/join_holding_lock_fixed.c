/* The fix: main unlocks the store before it joins the worker, so the worker takes the lock, counts, and ends, and
 * the join returns. No thread waits while holding what another needs, and TSan reports nothing.
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPreLock (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_join (LLVM 14); POSIX.1-2017 pthread_mutex_timedlock(). */
#include "../casebook.h"
#include <errno.h>

// expect-tsan: none
// expect-output: main: the value is 1.

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
  pthread_mutex_unlock(&store.lock);
  pthread_join(thread, NULL);
  say("main: the value is %d.", store.value);
  return 0;
}
