/* Atomic operations through a cast: `hits` is a plain int, and both workers add to it with
 * atomic_fetch_add((_Atomic int *)&hits, 1). gcc and clang give _Atomic int the size, alignment and
 * representation of int, so these are real atomic adds: TSan instruments them as atomics, reports nothing, and
 * no hit is lost. C11 does not promise that layout (an _Atomic type may be bigger or hold a lock), so portable
 * code declares the object _Atomic; and any plain access to `hits` while the workers run would be a data race
 * (see mixed_access_bug.c).
 * Source: C11 6.2.5p27; llvm lib/Transforms/Instrumentation/ThreadSanitizer.cpp instrumentAtomic (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_interface_atomic.cpp AtomicRMW (LLVM 14); C11 5.1.2.4p25. */
#include "../casebook.h"
#include <stdatomic.h>

// expect-tsan: none
// expect-output: Counted 2000 hits.

enum { HITS_PER_THREAD = 1000 };

static int hits; /* plain: every access while the workers run goes through the cast */
static invisible_barrier both_counting;

static void *count_hits(void *unused) {
  (void)unused;
  invisible_barrier_wait(&both_counting); /* the adds overlap */
  for (int i = 0; i < HITS_PER_THREAD; i++)
    atomic_fetch_add_explicit((_Atomic int *)&hits, 1, memory_order_relaxed);
  return NULL;
}

int main(void) {
  pthread_t threads[2];
  invisible_barrier_init(&both_counting, 2);
  for (int i = 0; i < 2; i++)
    pthread_create(&threads[i], NULL, count_hits, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  say("Counted %d hits.", hits); /* after the joins: a plain read is fine */
  return 0;
}
