/* The mistake: the worker sets the predicate `ready` without the mutex, then locks only to signal. Main checks
 * `ready` under the mutex, but that lock orders nothing against a write made outside it, so TSan reports a data
 * race between the worker's write and main's earlier read: TSan orders accesses only through the mutex's unlock
 * and lock, and pthread_cond_wait counts as both. It is no lost wakeup: the signal is sent under the mutex, which
 * main holds from its check until pthread_cond_wait releases it atomically, so the signal finds main waiting. The
 * bug is the race itself, undefined behaviour in C; the fix writes `ready` with the mutex held.
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp cond_wait (LLVM 14); POSIX.1-2017
 * pthread_cond_wait(); C11 5.1.2.4p25. */
#include "../casebook.h"

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
  box.ready = true; // expect-tsan: data race -- main read the flag under a lock this write does not take
  pthread_mutex_lock(&box.lock);
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
