/* The fix: main lets go of the store's lock before it waits on the semaphore, so the worker can take the lock,
 * count, and post. No thread waits while holding what the other needs, and TSan reports nothing.
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp sem_timedwait (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPreLock (LLVM 14); POSIX.1-2017 sem_timedwait(). */
#include "../casebook.h"
#include <errno.h>
#include <semaphore.h>

// expect-tsan: none
// expect-output: main: the worker posted; the value is 1.

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
  pthread_mutex_unlock(&store.lock);
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += 1;
  int waited;
  while ((waited = sem_timedwait(&store.done, &deadline)) != 0 && errno == EINTR)
    continue;
  if (waited != 0)
    say("main: the worker never posted; it needs the lock main holds.");
  else
    say("main: the worker posted; the value is %d.", store.value);
  pthread_join(thread, NULL);
  sem_destroy(&store.done);
  return 0;
}
