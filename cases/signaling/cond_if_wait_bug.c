/* The mistake: the consumer waits with `if (items == 0) pthread_cond_wait(...)` and takes an item as soon as
 * the wait returns. But a return from the wait only means "look again": here the one condition variable also
 * announces the producer's progress, and that broadcast (or a spurious wakeup, which POSIX allows) wakes the
 * consumer with the queue still empty, so it takes an item that is not there and the count goes to -1. No other
 * thread took an item first (that would be a stolen wakeup): the predicate was simply never true. Every access
 * holds the mutex, so there is no data race and TSan reports nothing; the fix waits in a `while` loop.
 * Source: POSIX.1-2024 pthread_cond_wait(). */
#include "../casebook.h"

// expect-tsan: none -- misses: a wakeup without its predicate is a logic error, not a data race
// expect-output: Consumer took an item; -1 left.

static struct {
  int items, progress, waits;
  bool done;
  pthread_mutex_t lock;
  pthread_cond_t changed; /* one condition variable for every change to the queue */
} queue = {0, 0, 0, false, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER};

static void *consumer(void *unused) {
  (void)unused;
  pthread_mutex_lock(&queue.lock);
  if (queue.items == 0) { // expect-bug: unchecked wakeup -- `if` takes the wait's return as "an item is there"
    queue.waits++;
    pthread_cond_broadcast(&queue.changed); /* tells the producer it waits */
    pthread_cond_wait(&queue.changed, &queue.lock);
  }
  queue.items--;
  queue.done = true;
  say("Consumer took an item; %d left.", queue.items);
  pthread_cond_broadcast(&queue.changed);
  pthread_mutex_unlock(&queue.lock);
  return NULL;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, consumer, NULL);
  pthread_mutex_lock(&queue.lock);
  while (queue.waits < 1) /* the consumer is waiting */
    pthread_cond_wait(&queue.changed, &queue.lock);
  queue.progress = 50; /* news that is not an item... */
  pthread_cond_broadcast(&queue.changed);
  while (queue.waits < 2 && !queue.done) /* ...until the consumer waits again or has gone */
    pthread_cond_wait(&queue.changed, &queue.lock);
  queue.items++; /* now the item */
  pthread_cond_broadcast(&queue.changed);
  pthread_mutex_unlock(&queue.lock);
  pthread_join(thread, NULL);
  return 0;
}
