/* The fix: the worker reads the condition variable's clock (CLOCK_REALTIME, the default) and adds a second, the
 * absolute deadline pthread_cond_timedwait takes, so the wait lasts the second it means. TSan reports nothing.
 * Source: POSIX.1-2017 pthread_cond_timedwait(); compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp
 * pthread_cond_timedwait (LLVM 14). */
#include "../casebook.h"
#include <errno.h>

// expect-tsan: none
// expect-output: worker: no work came within a second.

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
  struct timespec started, deadline;
  clock_gettime(CLOCK_MONOTONIC, &started);
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += 1;
  pthread_mutex_lock(&queue.lock);
  while (!queue.has_work) {
    if (pthread_cond_timedwait(&queue.changed, &queue.lock, &deadline) == ETIMEDOUT)
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
