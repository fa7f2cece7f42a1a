/* The fix: after its timed wait, main asks the predicate, not the wait's result: a wait that timed out still took the
 * lock back before it returned, and the producer stored the item in the meantime, so main takes it. TSan reports
 * nothing.
 * Source: POSIX.1-2017 pthread_cond_timedwait(); glibc 2.36 nptl/pthread_cond_wait.c __pthread_cond_wait_common. */
#include "../casebook.h"
#include <errno.h>

// expect-tsan: none
// expect-output: main: got item 42.

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
  if (!slot.ready)
    say("main: no item came; item %d is dropped.", slot.item);
  else
    say("main: got item %d.", slot.item);
  pthread_mutex_unlock(&slot.lock);
  pthread_join(thread, NULL);
  return 0;
}
