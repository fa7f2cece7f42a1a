/* A worker publishes its result through a `volatile` flag: it writes `value`, then sets `ready`, and main
 * reads `value` only once it sees `ready`. `volatile` stops the compiler from caching the flag, but it is not
 * synchronization: it makes no happens-before edge, and nothing obliges the compiler or the CPU to keep
 * the plain write of `value` before the write of `ready`. TSan reports two data races, on `ready` and on
 * `value`: main's reads and the worker's writes are ordered only by the invisible barrier, which TSan does
 * not count.
 * Source: C11 6.7.3p7; C11 5.1.2.4p25; llvm lib/Transforms/Instrumentation/ThreadSanitizer.cpp
 * chooseInstructionsToInstrument, instrumentLoadOrStore (LLVM 14); gcc 12 gcc/tsan.cc get_memory_access_decl,
 * instrument_expr; compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14). */
#include "../casebook.h"

// expect-output: Main: the worker published 1.

static struct {
  long value; /* its own 8-byte word, so TSan reports its race apart from the flag's */
  volatile bool ready;
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
  if (store.ready) // expect-tsan: data race -- the flag is read while the worker's write is unordered
    say("Main: the worker published %ld.", store.value); // expect-tsan: data race -- and so is the value
  pthread_join(thread, NULL);
  return 0;
}
