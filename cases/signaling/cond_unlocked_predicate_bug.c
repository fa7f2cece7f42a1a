/* The mistake: the worker sets the predicate `ready` without the mutex, then locks only to signal. Main checks
 * `ready` under the mutex, but that lock orders nothing against a write made outside it, so TSan reports a data
 * race between the worker's write and main's earlier read. It is also the classic lost wakeup: had the write and
 * the signal both landed between main's check and its wait, main would sleep for good (here the worker's lock
 * waits for main to be in the wait, so the program ends). The fix writes `ready` with the mutex held. */
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
