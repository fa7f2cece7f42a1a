/* The fix: main joins the worker before it returns. The worker's end happens-before the join's return, and
 * that before the exit that runs the atexit handler, so the handler's read of `value` is ordered after the
 * worker's write and TSan reports nothing. Joining (or otherwise stopping) every thread that touches shared
 * data is the rule for a clean exit.
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_create, pthread_join (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_thread.cpp ThreadCreate, ThreadStart, ThreadFinish, ThreadJoin (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_interceptors_posix.cpp setup_at_exit_wrapper, at_exit_callback_installed_at (LLVM 14);
 * POSIX.1-2017 exit(). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Ending value is 1.

static struct {
  int value;
} store;
static invisible_barrier written;

static void report_value(void) {
  say("Ending value is %d.", store.value);
}

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
  atexit(report_value);
  invisible_barrier_init(&written, 2);
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&written);
  pthread_join(thread, NULL);
  return 0;
}
