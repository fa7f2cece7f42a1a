/* The fix: the flag lives under a mutex, and main sleeps on a condition variable instead of spinning. The
 * worker sets `ready` and signals while holding the mutex; main checks `ready` in a loop around
 * pthread_cond_wait, which guards against spurious wakeups and against a signal sent before main waits. The
 * worker's unlock happens-before main's return from the wait, so TSan reports nothing.
 * Source: POSIX.1-2017 pthread_cond_wait(); compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp cond_wait,
 * pthread_cond_signal (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: main: the result is 42.

struct mailbox {
  long result;
  bool ready;
  pthread_mutex_t lock;
  pthread_cond_t changed;
};

static void *worker(void *arg) {
  struct mailbox *box = arg;
  pthread_mutex_lock(&box->lock);
  box->result = 6 * 7;
  box->ready = true;
  pthread_cond_signal(&box->changed);
  pthread_mutex_unlock(&box->lock);
  return NULL;
}

int main(void) {
  static struct mailbox box = {0, false, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER};
  pthread_t thread;
  pthread_create(&thread, NULL, worker, &box);
  pthread_mutex_lock(&box.lock);
  while (!box.ready)
    pthread_cond_wait(&box.changed, &box.lock);
  pthread_mutex_unlock(&box.lock);
  say("main: the result is %ld.", box.result);
  pthread_join(thread, NULL);
  return 0;
}
