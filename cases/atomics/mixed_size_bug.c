/* The mistake: two 32-bit counters share one 64-bit word; the worker bumps one half with a 4-byte atomic add,
 * and main reads the whole word with a plain 8-byte load to get both counters at once. Atomic accesses do not
 * race with each other, but a plain access that overlaps an atomic one does, whatever the sizes: TSan reports a
 * data race between the worker's 4-byte atomic write and main's 8-byte read, which nothing orders. The fix reads
 * each half with a 4-byte atomic load.
 * Source: C11 5.1.2.4p25; compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_interface_atomic.cpp AtomicRMW (LLVM 14). */
#include "../casebook.h"
#include <stdint.h>
#include <string.h>

// expect-output: main: the counters are 0 and 1.

static union {
  uint64_t whole;
  uint32_t half[2];
} counters;

static invisible_barrier counted;

static void *worker(void *unused) {
  (void)unused;
  __atomic_fetch_add(&counters.half[1], 1, __ATOMIC_RELAXED);
  invisible_barrier_wait(&counted); /* main reads after the add, without an edge from it */
  return NULL;
}

static void split(uint64_t whole, uint32_t half[2]) { memcpy(half, &whole, sizeof whole); }

int main(void) {
  pthread_t thread;
  uint32_t half[2];
  invisible_barrier_init(&counted, 2);
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&counted);
  split(counters.whole, half); // expect-tsan: data race -- an 8-byte plain read over a 4-byte atomic write
  say("main: the counters are %u and %u.", half[0], half[1]);
  pthread_join(thread, NULL);
  return 0;
}
