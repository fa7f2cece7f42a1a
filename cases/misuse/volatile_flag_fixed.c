/* The fix: `ready` is _Atomic. Plain assignment and reading of an _Atomic variable are sequentially
 * consistent atomic operations, so setting the flag releases the worker's earlier write of `value` and
 * main's read of the flag acquires it: the write happens-before main's read. TSan sees the edge and reports
 * nothing (the invisible barrier only makes sure main looks after the flag is set).
 * Source: C11 6.2.6.1p9; C11 5.1.2.4p11; compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicStore,
 * AtomicLoad (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Main: the worker published 1.

static struct {
  long value; /* its own 8-byte word, so TSan reports its race apart from the flag's */
  _Atomic bool ready;
} store;

static invisible_barrier published;

static void *worker(void *arg) {
  (void)arg;
  store.value = 1;
  store.ready = true;
  invisible_barrier_wait(&published); /* forces the order below without telling TSan */
  return NULL;
}

int main(void) {
  pthread_t thread;
  invisible_barrier_init(&published, 2);
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&published);
  if (store.ready)
    say("Main: the worker published %ld.", store.value);
  pthread_join(thread, NULL);
  return 0;
}
