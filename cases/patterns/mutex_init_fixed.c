/* The fix: main initializes the lock before it starts the worker. pthread_create orders everything main did
 * before it, the init included, before everything the worker does, so the worker's lock is ordered after the
 * init and TSan reports nothing. (A static PTHREAD_MUTEX_INITIALIZER needs no init call at all.)
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_create, pthread_join (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_thread.cpp ThreadCreate, ThreadStart, ThreadFinish, ThreadJoin (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_mutex.cpp MutexCreate (LLVM 14); POSIX.1-2017 pthread_mutex_init(). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Ending value is 1.

static struct {
  int value;
  pthread_mutex_t lock;
} store;
static invisible_barrier initialized;

static void *worker(void *arg) {
  (void)arg;
  invisible_barrier_wait(&initialized);
  pthread_mutex_lock(&store.lock);
  int local_copy = store.value;
  local_copy += 1;
  store.value = local_copy;
  pthread_mutex_unlock(&store.lock);
  return NULL;
}

int main(void) {
  pthread_t thread;
  invisible_barrier_init(&initialized, 2);
  pthread_mutex_init(&store.lock, NULL);
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&initialized);
  pthread_join(thread, NULL);
  pthread_mutex_destroy(&store.lock);
  say("Ending value is %d.", store.value);
  return 0;
}
