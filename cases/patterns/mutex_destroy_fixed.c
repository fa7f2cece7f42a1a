/* The fix: main joins the worker before destroying the lock. The worker's end happens-before the join's
 * return, so the worker's last unlock is ordered before the destroy, and TSan reports nothing. A mutex may be
 * destroyed only when no thread can use it any more, and joining is the plainest proof of that.
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_create, pthread_join (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_thread.cpp ThreadCreate, ThreadStart, ThreadFinish, ThreadJoin (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_mutex.cpp MutexDestroy (LLVM 14); POSIX.1-2017 pthread_mutex_destroy(). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Ending value is 1.

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};
static invisible_barrier updated;

static void *worker(void *arg) {
  (void)arg;
  pthread_mutex_lock(&store.lock);
  int local_copy = store.value;
  local_copy += 1;
  store.value = local_copy;
  pthread_mutex_unlock(&store.lock);
  invisible_barrier_wait(&updated);
  return NULL;
}

int main(void) {
  pthread_t thread;
  invisible_barrier_init(&updated, 2);
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&updated);
  pthread_join(thread, NULL);
  pthread_mutex_destroy(&store.lock);
  say("Ending value is %d.", store.value);
  return 0;
}
