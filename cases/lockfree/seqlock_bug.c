/* The mistake: a seqlock whose data are plain ints. The writer makes the sequence number odd, writes the pair,
 * and makes it even again; the reader copies the pair and tries again if the number was odd or changed, so it
 * never keeps a torn copy. But a copy that overlaps a write is still a data race (undefined behaviour in C11,
 * even when the copy is thrown away): here the reader's first copy falls halfway through the write, and TSan
 * reports both fields, one read after its write and one read before. The fix makes the data relaxed atomics.
 * Source: C11 5.1.2.4p25; compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14). */
#include "../casebook.h"
#include <stdatomic.h>

// expect-output: Reader: 1/1 after 2 tries.

static struct {
  _Atomic unsigned sequence;
  _Alignas(8) int low; /* each field on its own 8-byte shadow cell: one report each */
  _Alignas(8) int high;
} pair;

static invisible_barrier halfway, copied, written;

static void *writer(void *unused) {
  (void)unused;
  atomic_store_explicit(&pair.sequence, 1, memory_order_relaxed);
  atomic_thread_fence(memory_order_release);
  pair.low = 1;
  invisible_barrier_wait(&halfway); /* the reader copies now */
  invisible_barrier_wait(&copied);
  pair.high = 1; // expect-tsan: data race -- the reader's copy read it before this write
  atomic_store_explicit(&pair.sequence, 2, memory_order_release);
  invisible_barrier_wait(&written);
  return NULL;
}

static bool read_pair(int *low, int *high) {
  unsigned before = atomic_load_explicit(&pair.sequence, memory_order_acquire);
  *low = pair.low; // expect-tsan: data race -- the writer wrote it just now, with nothing in between
  *high = pair.high;
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
