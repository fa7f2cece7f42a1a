/* The mistake: a condition variable used with no predicate. The worker signals "done" before main has begun
 * to wait, and a condition variable keeps no memory of a signal nobody was waiting for, so main's wait would
 * last for ever; here it gives up after a tenth of a second (pthread_cond_timedwait) so the case ends. Every
 * access holds the mutex and there is no data race, so TSan reports nothing. The fix keeps the news in a
 * flag under the mutex, which main checks before it waits.
 * Source: POSIX.1-2017 pthread_cond_signal(); glibc 2.36 nptl/pthread_cond_signal.c ___pthread_cond_signal;
 * POSIX.1-2017 pthread_cond_timedwait(); compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp cond_wait,
 * pthread_cond_signal (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14). */
#include "../casebook.h"
#include <errno.h>

// expect-tsan: none -- misses: a lost wakeup is a missing predicate, not a data race
// expect-output: main: no wakeup came.

static struct {
  pthread_mutex_t lock;
  pthread_cond_t changed;
} box = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER};

static invisible_barrier signalled; /* the signal comes first, every run */

static void *worker(void *unused) {
  (void)unused;
  pthread_mutex_lock(&box.lock);
  pthread_cond_signal(&box.changed); // expect-bug: lost wakeup -- nobody waits yet, and nothing records it
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
  status = pthread_cond_timedwait(&box.changed, &box.lock, &deadline);
  pthread_mutex_unlock(&box.lock);
  say(status == ETIMEDOUT ? "main: no wakeup came." : "main: the worker is done.");
  pthread_join(thread, NULL);
  return 0;
}
