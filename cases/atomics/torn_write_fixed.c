/* The fix: the counter is one _Atomic uint64_t, stored and loaded whole, so a reader sees the old value or the
 * new one and never a mix (on x86-64 an 8-byte atomic is one instruction; elsewhere the compiler may use a
 * lock, and atomic_is_lock_free() tells). The reader here looks after the store and sees 0x100000000. TSan
 * reports nothing.
 * Source: C11 7.17.5.1p3; compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicStore, AtomicLoad (LLVM 14). */
#include "../casebook.h"
#include <inttypes.h>
#include <stdatomic.h>

// expect-tsan: none
// expect-output: Reader: the counter is 0x100000000.

static _Atomic uint64_t counter = UINT32_MAX;

static invisible_barrier halfway, looked;

static void store_counter(uint64_t value, bool pause) {
  atomic_store(&counter, value);
  if (pause) {
    invisible_barrier_wait(&halfway); /* the reader looks now */
    invisible_barrier_wait(&looked);
  }
}

static uint64_t load_counter(void) { return atomic_load(&counter); }

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
