/* Correct code that TSan gets wrong. The worker writes `value`, then a release fence, then sets `ready` with a
 * relaxed store; main reads `ready` relaxed, then an acquire fence, then `value`. By C11's fence rules the
 * release fence synchronizes with the acquire fence, so the write happens-before the read and there is no
 * race. TSan does not model standalone fences (it only sees the relaxed accesses, which order nothing), so
 * it reports a data race on `value`: a false positive. No compiler warns here: gcc 12's -Wtsan warning about
 * fences falls inside the <stdatomic.h> macro atomic_thread_fence, and warnings located in a system header are
 * suppressed (a direct __atomic_thread_fence does get it, and so does spinlock_bug.c at -O1 and -O2).
 * Source: C11 7.17.4p2; compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicFence (LLVM 14); gcc 12 gcc/tsan.cc
 * instrument_builtin_call. */
#include "../casebook.h"
#include <stdatomic.h>

// expect-output: Main: the worker published 1.
// expect-bug: none -- the program is correct: the report below is the false positive

static struct {
  long value;
  atomic_bool ready;
} store;

static invisible_barrier published;

static void *worker(void *arg) {
  (void)arg;
  store.value = 1;
  atomic_thread_fence(memory_order_release);
  atomic_store_explicit(&store.ready, true, memory_order_relaxed);
  invisible_barrier_wait(&published); /* forces the order below without telling TSan */
  return NULL;
}

int main(void) {
  pthread_t thread;
  invisible_barrier_init(&published, 2);
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&published);
  if (atomic_load_explicit(&store.ready, memory_order_relaxed)) {
    atomic_thread_fence(memory_order_acquire);
    // expect-tsan: data race -- false positive: TSan ignores the fences that order this read after the write
    say("Main: the worker published %ld.", store.value);
  }
  pthread_join(thread, NULL);
  return 0;
}
