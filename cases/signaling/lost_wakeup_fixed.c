/* The fix: the news is a flag, `done`, set under the mutex before the signal, and main waits only while it is
 * not set. A signal sent before main waits is then not lost: main finds `done` already true and never waits.
 * The timed wait stays only to bound the case; TSan reports nothing.
 * Source: POSIX.1-2017 pthread_cond_wait(); compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp cond_wait,
 * pthread_cond_signal (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14). */
#include "../casebook.h"
#include <errno.h>

// expect-tsan: none
// expect-output: main: the worker is done.

static struct {
  bool done;
  pthread_mutex_t lock;
  pthread_cond_t changed;
} box = {false, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER};

static invisible_barrier signalled; /* the signal comes first, every run */

static void *worker(void *unused) {
  (void)unused;
  pthread_mutex_lock(&box.lock);
  box.done = true;
  pthread_cond_signal(&box.changed);
  pthread_mutex_unlock(&box.lock);
  invisible_barrier_wait(&signalled);
  return NULL;
}

int main(void) {
  pthread_t thread;
  struct timespec deadline;
  invisible_barrier_init(&signalled, 2);
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&signalled);
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_nsec += 100 * 1000 * 1000;
  if (deadline.tv_nsec >= 1000 * 1000 * 1000) {
    deadline.tv_sec += 1;
    deadline.tv_nsec -= 1000 * 1000 * 1000;
  }
  int status = 0;
  pthread_mutex_lock(&box.lock);
  while (!box.done && status == 0)
    status = pthread_cond_timedwait(&box.changed, &box.lock, &deadline);
  pthread_mutex_unlock(&box.lock);
  say(status == ETIMEDOUT ? "main: no wakeup came." : "main: the worker is done.");
  pthread_join(thread, NULL);
  return 0;
}
