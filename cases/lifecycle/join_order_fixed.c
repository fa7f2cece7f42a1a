/* The fix: main joins the worker first and reads its result afterwards. pthread_join returns only after the
 * worker has ended, and TSan treats the worker's end as happening-before the join's return, so the worker's
 * write of `value` is ordered before main's read and TSan reports nothing.
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_join (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_thread.cpp ThreadFinish, ThreadJoin (LLVM 14); POSIX.1-2017 pthread_join(). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Ending value is 1.

static struct {
  int value;
} store;
static invisible_barrier written;

static void *worker(void *arg) {
  (void)arg;
  int local_copy = store.value;
  local_copy += 1;
  store.value = local_copy;
  invisible_barrier_wait(&written);
  return NULL;
}

int main(void) {
  pthread_t thread;
  invisible_barrier_init(&written, 2);
  say("Starting value is %d.", store.value);
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&written);
  pthread_join(thread, NULL);
  say("Ending value is %d.", store.value);
  return 0;
}
