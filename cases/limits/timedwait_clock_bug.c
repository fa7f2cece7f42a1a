/* The mistake: the worker's condition variable measures its deadlines on CLOCK_MONOTONIC (set with
 * pthread_condattr_setclock), but the worker reads its deadline from CLOCK_REALTIME: the wall clock is some 56 years
 * ahead of the time since boot, so the one-second wait would last decades. Main gives the worker three seconds and
 * then wakes it, so the case ends. TSan reports nothing: every access is under the lock, and which clock a deadline
 * belongs to is a value TSan never looks at. The fix: the deadline is read from the clock the condition variable uses.
 * Source: POSIX.1-2017 pthread_condattr_setclock(); POSIX.1-2017 pthread_cond_timedwait(); compiler-rt
 * lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_cond_timedwait (LLVM 14). */
#include "../casebook.h"
#include <errno.h>

// expect-tsan: none -- misses: the deadline is read from another clock than the wait's
// expect-output: worker: main woke me after three seconds of a one-second wait.

static struct {
  bool has_work, stop, worker_done;
  pthread_mutex_t lock;
  pthread_cond_t work_changed; /* measures CLOCK_MONOTONIC */
  pthread_cond_t worker_changed;
} queue = {false, false, false, PTHREAD_MUTEX_INITIALIZER, {{0}}, PTHREAD_COND_INITIALIZER};

static void *worker(void *unused) {
  (void)unused;
  struct timespec deadline;
  bool timed_out = false;
  pthread_mutex_lock(&queue.lock);
  clock_gettime(CLOCK_REALTIME, &deadline); // expect-bug: wrong deadline -- the wait measures CLOCK_MONOTONIC
  deadline.tv_sec += 1;
  while (!queue.has_work && !queue.stop) {
    if (pthread_cond_timedwait(&queue.work_changed, &queue.lock, &deadline) == ETIMEDOUT) {
      timed_out = true;
      break;
    }
  }
  queue.worker_done = true;
  pthread_cond_signal(&queue.worker_changed);
  pthread_mutex_unlock(&queue.lock);
  if (timed_out)
    say("worker: no work came within a second.");
  else
    say("worker: main woke me after three seconds of a one-second wait.");
  return NULL;
}

int main(void) {
  pthread_condattr_t attributes;
  pthread_condattr_init(&attributes);
  pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC);
  pthread_cond_init(&queue.work_changed, &attributes);
  pthread_condattr_destroy(&attributes);
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += 3;
  pthread_mutex_lock(&queue.lock);
  while (!queue.worker_done) {
    if (pthread_cond_timedwait(&queue.worker_changed, &queue.lock, &deadline) == ETIMEDOUT) {
      queue.stop = true; /* the worker overslept: wake it */
      pthread_cond_signal(&queue.work_changed);
      break;
    }
  }
  pthread_mutex_unlock(&queue.lock);
  pthread_join(thread, NULL);
  pthread_cond_destroy(&queue.work_changed);
  return 0;
}
