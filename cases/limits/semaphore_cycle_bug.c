/* The mistake: main holds the store's lock while it waits on a semaphore the worker posts, and the worker takes
 * that lock before it posts, so each waits for the other. Main's wait is a timed one that gives up after a second,
 * so the case ends. TSan reports nothing: a semaphore is no mutex to its deadlock detector, whose graph only holds
 * the mutexes a thread takes while it holds others (sem_timedwait is an interceptor that only acquires the
 * semaphore's clock once it returns). The fix: main lets go of the lock before it waits.
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp sem_timedwait (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPreLock (LLVM 14); POSIX.1-2017 sem_timedwait(). */
#include "../casebook.h"
#include <errno.h>
#include <semaphore.h>

// expect-tsan: none -- misses: the cycle runs through a semaphore, not two mutexes
// expect-output: main: the worker never posted; it needs the lock main holds.

static struct {
  int value;
  pthread_mutex_t lock;
  sem_t done;
} store = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void *worker(void *unused) {
  (void)unused;
  pthread_mutex_lock(&store.lock);
  store.value += 1;
  pthread_mutex_unlock(&store.lock);
  sem_post(&store.done);
  return NULL;
}

int main(void) {
  pthread_t thread;
  struct timespec deadline;
  sem_init(&store.done, 0, 0);
  pthread_mutex_lock(&store.lock);
  pthread_create(&thread, NULL, worker, NULL);
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += 1;
  int waited;
  while ((waited = sem_timedwait(&store.done, &deadline)) != 0 && errno == EINTR)
    continue;
  if (waited != 0) // expect-bug: deadlock -- the worker needs the lock main holds to post
    say("main: the worker never posted; it needs the lock main holds.");
  else
    say("main: the worker posted; the value is %d.", store.value);
  pthread_mutex_unlock(&store.lock);
  pthread_join(thread, NULL);
  sem_destroy(&store.done);
  return 0;
}
