/* The fix: the worker releases the lock before it blocks, so no lock is held across the cancellation point and
 * no cleanup handler has to unlock from inside an interceptor. Its unlock runs in plain code, TSan records it,
 * the join orders it before main's lock, and TSan reports nothing. (The condition-variable waits are where a
 * cleanup unlock is seen: pthread_cond_wait, pthread_cond_timedwait and pthread_cond_clockwait all run through
 * one interceptor helper that handles cancellation itself; sem_wait has none.)
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp cond_wait (LLVM 14). */
#include "../casebook.h"
#include <semaphore.h>

// expect-tsan: none
// expect-output: main: the value is 1.

static struct {
  int value;
  pthread_mutex_t lock;
  sem_t work; /* never posted: the worker blocks until it is cancelled */
} store = {.lock = PTHREAD_MUTEX_INITIALIZER};

static invisible_barrier counted;

static void *worker(void *unused) {
  (void)unused;
  pthread_mutex_lock(&store.lock);
  store.value += 1;
  pthread_mutex_unlock(&store.lock);
  invisible_barrier_wait(&counted); /* main may cancel now: the worker ends in sem_wait */
  sem_wait(&store.work);
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
  pthread_mutex_lock(&store.lock);
  say("main: the value is %d.", store.value);
  pthread_mutex_unlock(&store.lock);
  sem_destroy(&store.work);
  return 0;
}
