/* The mistake: the worker is detached, so it can never be joined, and main reads its result with nothing in
 * between. A detached thread's end is not an edge to anyone: TSan reports a data race between the worker's write
 * of `value` and main's read. Main even waits (on the invisible barrier) until the write is done, so the printed
 * value is right; the fix replaces that barrier with a semaphore the worker posts after its write.
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_detach (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_thread.cpp ThreadDetach, ThreadFinish (LLVM 14). */
#include "../casebook.h"

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
  pthread_create(&thread, NULL, worker, NULL);
  pthread_detach(thread);
  invisible_barrier_wait(&written);
  say("Ending value is %d.", store.value); // expect-tsan: data race -- nothing orders the detached worker's write
  return 0;
}
