/* Correct code that TSan gets wrong. The worker holds the store's lock across a blocking sem_wait(), a
 * cancellation point, and registers the unlock as a cleanup handler; main cancels it there, and the handler
 * unlocks the mutex as the thread unwinds. But the handler runs while TSan still counts the thread as inside its
 * sem_wait interceptor, whose nested calls it passes on unrecorded, so TSan never learns of that unlock: main's
 * next lock looks like a lock of a mutex the dead worker still holds, a false "double lock of a mutex".
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp BlockingCall, COMMON_INTERCEPTOR_BLOCK_REAL (LLVM 14);
 * compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc sem_wait (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock (LLVM 14); POSIX.1-2017 pthread_cleanup_push(). */
#include "../casebook.h"
#include <semaphore.h>

// expect-bug: none
// expect-output: main: the value is 1.

static struct {
  int value;
  pthread_mutex_t lock;
  sem_t work; /* never posted: the worker blocks until it is cancelled */
} store = {.lock = PTHREAD_MUTEX_INITIALIZER};

static invisible_barrier counted;

static void unlock_store(void *unused) {
  (void)unused;
  pthread_mutex_unlock(&store.lock);
}

static void *worker(void *unused) {
  (void)unused;
  pthread_mutex_lock(&store.lock);
  pthread_cleanup_push(unlock_store, NULL);
  store.value += 1;
  invisible_barrier_wait(&counted); /* main may cancel now: the worker ends in sem_wait */
  sem_wait(&store.work);
  pthread_cleanup_pop(1);
  return NULL;
}

int main(void) {
  pthread_t thread;
  sem_init(&store.work, 0, 0);
  invisible_barrier_init(&counted, 2);
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&counted);
  pthread_cancel(thread);
  pthread_join(thread, NULL);
  pthread_mutex_lock(&store.lock); // expect-tsan: double lock of a mutex -- false positive: the unlock went unseen
  say("main: the value is %d.", store.value);
  pthread_mutex_unlock(&store.lock);
  sem_destroy(&store.work);
  return 0;
}
