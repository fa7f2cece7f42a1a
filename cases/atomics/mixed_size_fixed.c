/* The fix: main reads each 32-bit counter with a 4-byte atomic load, the same size and place as the worker's
 * atomic add. Two atomic accesses never race, so TSan reports nothing. (The two loads are two snapshots, not
 * one: for a consistent pair, the counters need one 8-byte atomic that both sides use.)
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_interface_atomic.cpp AtomicLoad, AtomicRMW (LLVM 14). */
#include "../casebook.h"
#include <stdint.h>

// expect-tsan: none
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

int main(void) {
  pthread_t thread;
  uint32_t half[2];
  invisible_barrier_init(&counted, 2);
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&counted);
  for (int i = 0; i < 2; i++)
    half[i] = __atomic_load_n(&counters.half[i], __ATOMIC_RELAXED);
  say("main: the counters are %u and %u.", half[0], half[1]);
  pthread_join(thread, NULL);
  return 0;
}
