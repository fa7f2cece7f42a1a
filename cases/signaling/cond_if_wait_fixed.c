/* The fix: the consumer waits in `while (items == 0)`, so a wakeup for the producer's progress (or a spurious
 * one) only sends it back to waiting, and it takes an item only when there is one: 0 left. As in the mistake,
 * every access holds the mutex and TSan reports nothing.
 * Source: POSIX.1-2017 pthread_cond_wait(); compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp cond_wait,
 * pthread_cond_signal (LLVM 14); compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock,
 * pthread_mutex_unlock (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Consumer took an item; 0 left.

static struct {
  int items, progress, waits;
  bool done;
  pthread_mutex_t lock;
  pthread_cond_t changed; /* one condition variable for every change to the queue */
} queue = {0, 0, 0, false, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER};

static void *consumer(void *unused) {
  (void)unused;
  pthread_mutex_lock(&queue.lock);
  while (queue.items == 0) {
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
