/* The mistake: update() holds the store's default mutex and calls log_value(), which locks it again. A default
 * mutex is not recursive, so the owner's second lock waits for itself for ever (a self-deadlock); here it is a
 * timed lock that gives up after a tenth of a second, so the case ends. TSan reports nothing: a lock that times
 * out never took the mutex, and a relock by the owner is not what TSan calls a double lock (a lock while another
 * thread is the recorded owner, see misuse/double_lock_bug.c). The fix: the helper expects the lock held.
 * Source: POSIX.1-2017 pthread_mutex_lock(); POSIX.1-2017 pthread_mutex_timedlock();
 * glibc 2.36 nptl/pthread_mutex_timedlock.c __pthread_mutex_clocklock_common; compiler-rt
 * lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_mutex_timedlock (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock (LLVM 14). */
#include "../casebook.h"
#include <errno.h>

// expect-tsan: none -- misses: the owner's relock is a self-deadlock, which TSan does not look for
// expect-output: log: the lock is taken (by this very thread).

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};

static void log_value(void) {
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_nsec += 100 * 1000 * 1000;
  if (deadline.tv_nsec >= 1000 * 1000 * 1000) {
    deadline.tv_sec += 1;
    deadline.tv_nsec -= 1000 * 1000 * 1000;
  }
  if (pthread_mutex_timedlock(&store.lock, &deadline) == ETIMEDOUT) { // expect-bug: self-deadlock -- held by the caller
    say("log: the lock is taken (by this very thread).");
    return;
  }
  say("log: the value is %d.", store.value);
  pthread_mutex_unlock(&store.lock);
}

static void *update(void *unused) {
  (void)unused;
  pthread_mutex_lock(&store.lock);
  store.value += 1;
  log_value();
  pthread_mutex_unlock(&store.lock);
  return NULL;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, update, NULL);
  pthread_join(thread, NULL);
  return 0;
}
