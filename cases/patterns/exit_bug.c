/* The mistake: a race during exit. The worker updates `value`, and an atexit handler prints it when main
 * returns; but main detaches the worker and returns without waiting for it, so the handler's read can meet the
 * worker's write. Here the worker has written by then (the invisible barrier forces that order), yet no edge
 * leads from the worker to the exit: TSan reports a data race between the handler's read, called from exit,
 * and the worker's write.
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_detach (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_interceptors_posix.cpp setup_at_exit_wrapper, at_exit_callback_installed_at (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14); POSIX.1-2017 exit(). */
#include "../casebook.h"

// expect-output: Ending value is 1.

static struct {
  int value;
} store;
static invisible_barrier written;

static void report_value(void) {
  say("Ending value is %d.", store.value); // expect-tsan: data race -- called from exit while the worker is unjoined
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
  pthread_detach(thread);
  return 0;
}
