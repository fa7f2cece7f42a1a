/* The fix: the data are atomics, written and read with memory_order_relaxed, and fences order them against
 * the sequence number (the reader's acquire fence keeps its copy before its second look at the number). A copy
 * that overlaps a write is now only a stale copy that the check throws away, not a data race; every access TSan
 * sees is atomic, so it reports nothing. The reader still needs two tries.
 * Source: C11 7.17.4p2; compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_interface_atomic.cpp AtomicFence (LLVM 14). */
#include "../casebook.h"
#include <stdatomic.h>

// expect-tsan: none
// expect-output: Reader: 1/1 after 2 tries.

static struct {
  _Atomic unsigned sequence;
  _Alignas(8) _Atomic int low; /* each field on its own 8-byte shadow cell, as in the mistake */
  _Alignas(8) _Atomic int high;
} pair;

static invisible_barrier halfway, copied, written;

static void *writer(void *unused) {
  (void)unused;
  atomic_store_explicit(&pair.sequence, 1, memory_order_relaxed);
  atomic_thread_fence(memory_order_release);
  atomic_store_explicit(&pair.low, 1, memory_order_relaxed);
  invisible_barrier_wait(&halfway); /* the reader copies now */
  invisible_barrier_wait(&copied);
  atomic_store_explicit(&pair.high, 1, memory_order_relaxed);
  atomic_store_explicit(&pair.sequence, 2, memory_order_release);
  invisible_barrier_wait(&written);
  return NULL;
}

static bool read_pair(int *low, int *high) {
  unsigned before = atomic_load_explicit(&pair.sequence, memory_order_acquire);
  *low = atomic_load_explicit(&pair.low, memory_order_relaxed);
  *high = atomic_load_explicit(&pair.high, memory_order_relaxed);
  atomic_thread_fence(memory_order_acquire);
  unsigned after = atomic_load_explicit(&pair.sequence, memory_order_relaxed);
  return before % 2 == 0 && before == after;
}

int main(void) {
  pthread_t thread;
  invisible_barrier_init(&halfway, 2);
  invisible_barrier_init(&copied, 2);
  invisible_barrier_init(&written, 2);
  pthread_create(&thread, NULL, writer, NULL);
  int low, high, tries = 1;
  invisible_barrier_wait(&halfway); /* the first copy overlaps the write */
  while (!read_pair(&low, &high)) {
    if (tries++ == 1) {
      invisible_barrier_wait(&copied);  /* lets the writer finish... */
      invisible_barrier_wait(&written); /* ...and waits until it has */
    }
  }
  say("Reader: %d/%d after %d tries.", low, high, tries);
  pthread_join(thread, NULL);
  return 0;
}
