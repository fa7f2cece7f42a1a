/* The worker writes its result, then raises the atomic flag `ready` with a relaxed store; main sees the flag
 * with a relaxed load and reads the result. The flag is atomic, so it never races, but relaxed atomics order
 * nothing besides themselves: no happens-before edge leads from the worker's write of `result` to main's read,
 * and compiler and CPU may indeed reorder them. TSan reports a data race on `result`, not on the flag. main
 * looks only once the flag is up (the invisible barrier), so the report is the same every run.
 * Source: C11 7.17.3p2; C11 5.1.2.4p25; compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicLoad, AtomicStore
 * (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14). */
#include "../casebook.h"
#include <stdatomic.h>

// expect-output: main: the result is 42.

static struct {
  long result;
  _Alignas(8) atomic_bool ready;
} mailbox;

static invisible_barrier raised;

static void *worker(void *unused) {
  (void)unused;
  mailbox.result = 6 * 7;
  atomic_store_explicit(&mailbox.ready, true, memory_order_relaxed);
  invisible_barrier_wait(&raised);
  return NULL;
}

int main(void) {
  pthread_t thread;
  invisible_barrier_init(&raised, 2);
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&raised);
  if (atomic_load_explicit(&mailbox.ready, memory_order_relaxed))
    say("main: the result is %ld.", mailbox.result); // expect-tsan: data race -- the relaxed flag published nothing
  pthread_join(thread, NULL);
  return 0;
}
