/* The mistake: main waits up to a second for the producer's item and takes ETIMEDOUT to mean "no item". But a
 * timed-out wait says only that the time passed: it still takes the lock back before it returns, and the item may
 * have come in the meantime. Here the producer stores it under the lock while main waits and sends no signal, so the
 * wait times out with the item there, and main drops it. TSan reports nothing: every access is under the lock, and
 * what main concludes from a return value is no access at all. The fix: after the wait, main asks the predicate.
 * Source: POSIX.1-2017 pthread_cond_timedwait(); glibc 2.36 nptl/pthread_cond_wait.c __pthread_cond_wait_common. */
#include "../casebook.h"
#include <errno.h>

// expect-tsan: none -- misses: the wait's result is taken as its predicate
// expect-output: main: no item came; item 42 is dropped.

static struct {
  bool ready;
  int item;
  pthread_mutex_t lock;
  pthread_cond_t changed;
} slot = {false, 0, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER};

/* Stores the item and, to show the point plainly, signals nothing: main learns of it only by asking. */
static void *producer(void *unused) {
  (void)unused;
  pthread_mutex_lock(&slot.lock); /* main holds it until it waits */
  slot.item = 42;
  slot.ready = true;
  pthread_mutex_unlock(&slot.lock);
  return NULL;
}

int main(void) {
  pthread_t thread;
  struct timespec deadline;
  int waited = 0;
  pthread_mutex_lock(&slot.lock);
  pthread_create(&thread, NULL, producer, NULL);
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += 1;
  while (!slot.ready && waited != ETIMEDOUT)
    waited = pthread_cond_timedwait(&slot.changed, &slot.lock, &deadline);
  if (waited == ETIMEDOUT) // expect-bug: unchecked wakeup -- ETIMEDOUT taken as "not ready"
    say("main: no item came; item %d is dropped.", slot.item);
  else
    say("main: got item %d.", slot.item);
  pthread_mutex_unlock(&slot.lock);
  pthread_join(thread, NULL);
  return 0;
}
