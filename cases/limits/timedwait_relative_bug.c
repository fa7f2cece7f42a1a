/* The mistake: the worker means to wait one second for work and passes pthread_cond_timedwait a relative time,
 * {1 s}, but the call takes an absolute time of the condition variable's clock: one second after 1970 has long
 * passed, so the wait times out at once, and a loop around it would spin. TSan reports nothing: every access is under
 * the lock, and a deadline is a value TSan never looks at. The fix: the deadline is the clock's now plus a second.
 * Source: POSIX.1-2017 pthread_cond_timedwait(); compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp
 * pthread_cond_timedwait (LLVM 14). */
#include "../casebook.h"
#include <errno.h>

// expect-tsan: none -- misses: the deadline is in 1970
// expect-output: worker: the wait gave up at once.

static struct {
  bool has_work;
  pthread_mutex_t lock;
  pthread_cond_t changed;
} queue = {false, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER};

static double seconds_since(const struct timespec *start) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static void *worker(void *unused) {
  (void)unused;
  struct timespec started, deadline = {1, 0};
  clock_gettime(CLOCK_MONOTONIC, &started);
  pthread_mutex_lock(&queue.lock);
  while (!queue.has_work) {
    if (pthread_cond_timedwait(&queue.changed, &queue.lock, &deadline) == ETIMEDOUT) // expect-bug: wrong deadline
      break;
  }
  pthread_mutex_unlock(&queue.lock);
  if (seconds_since(&started) < 0.5)
    say("worker: the wait gave up at once.");
  else
    say("worker: no work came within a second.");
  return NULL;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  pthread_join(thread, NULL);
  return 0;
}
