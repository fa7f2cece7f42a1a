/* The mistake: a 64-bit counter kept as two 32-bit atomic halves, written one half at a time. Going from
 * 0xffffffff to 0x100000000 the writer first stores the new low half (0), then the new high half (1); a reader
 * that looks in between sees 0, a value the counter never had: a torn write. Each half is atomic, so no access
 * races and TSan reports nothing; atomicity of the parts is not atomicity of the whole. The fix is one 64-bit
 * atomic.
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14); C11 5.1.2.4p25. */
#include "../casebook.h"
#include <inttypes.h>
#include <stdatomic.h>

// expect-tsan: none -- misses: each half is atomic, so the torn value is no data race
// expect-output: Reader: the counter is 0x0.

static struct {
  _Atomic uint32_t low, high;
} counter = {UINT32_MAX, 0};

static invisible_barrier halfway, looked;

static void store_counter(uint64_t value, bool pause) {
  atomic_store(&counter.low, (uint32_t)value); // expect-bug: torn write -- the reader sees only this half
  if (pause) {
    invisible_barrier_wait(&halfway); /* the reader looks now */
    invisible_barrier_wait(&looked);
  }
  atomic_store(&counter.high, (uint32_t)(value >> 32));
}

static uint64_t load_counter(void) {
  uint64_t high = atomic_load(&counter.high);
  return high << 32 | atomic_load(&counter.low);
}

static void *writer(void *unused) {
  (void)unused;
  store_counter(UINT64_C(0x100000000), true);
  return NULL;
}

int main(void) {
  pthread_t thread;
  invisible_barrier_init(&halfway, 2);
  invisible_barrier_init(&looked, 2);
  pthread_create(&thread, NULL, writer, NULL);
  invisible_barrier_wait(&halfway);
  say("Reader: the counter is 0x%" PRIx64 ".", load_counter());
  invisible_barrier_wait(&looked);
  pthread_join(thread, NULL);
  return 0;
}
