/* The mistake: main prints the worker's result before joining the worker. The join is the only edge that
 * orders the worker's write of `value` before main's read, and here it comes too late, so TSan reports a data
 * race between the worker's write and main's read. Main even waits (on the invisible barrier) until the write
 * is done, so the printed value is right: TSan reports the missing edge, not a wrong value.
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_join (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_thread.cpp ThreadFinish, ThreadJoin (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp
 * CheckRaces (LLVM 14). */
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
  say("Starting value is %d.", store.value);
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&written);
  say("Ending value is %d.", store.value); // expect-tsan: data race -- read before the join
  pthread_join(thread, NULL);
  return 0;
}
