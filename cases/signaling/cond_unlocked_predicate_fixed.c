/* The fix: the worker sets `ready` with the mutex held, as well as signalling. Main's unlock (inside
 * pthread_cond_wait) happens-before the worker's lock, and the worker's unlock before main's return from the
 * wait, so the write and both of main's reads are ordered and TSan reports nothing.
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp cond_wait (LLVM 14); POSIX.1-2017
 * pthread_cond_wait(). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: main: the worker is ready.

static struct {
  bool ready;
  pthread_mutex_t lock;
  pthread_cond_t changed;
} box = {false, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER};

static invisible_barrier first_look; /* main has checked once; it orders nothing for TSan */

static void *worker(void *unused) {
  (void)unused;
  invisible_barrier_wait(&first_look);
  pthread_mutex_lock(&box.lock);
  box.ready = true;
  pthread_cond_signal(&box.changed);
  pthread_mutex_unlock(&box.lock);
  return NULL;
}

int main(void) {
  pthread_t thread;
  invisible_barrier_init(&first_look, 2);
  pthread_create(&thread, NULL, worker, NULL);
  pthread_mutex_lock(&box.lock);
  bool ready = box.ready;
  invisible_barrier_wait(&first_look); /* still holding the lock: the worker's signal waits for the wait */
  while (!ready) {
    pthread_cond_wait(&box.changed, &box.lock);
    ready = box.ready;
  }
  pthread_mutex_unlock(&box.lock);
  say("main: the worker is ready.");
  pthread_join(thread, NULL);
  return 0;
}
