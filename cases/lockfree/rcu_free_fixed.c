/* The fix: after the swap the writer waits for a grace period, until every reader that might hold the old
 * pointer has said it is past its read (a release increment the writer reads with acquire), and only then frees
 * the old version. Each reader's read of the old config happens-before the free, so TSan reports nothing. Real
 * RCU libraries (liburcu) do this wait for you, for every reader at once.
 * Source: C11 5.1.2.4p11; compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicRMW, AtomicLoad (LLVM 14);
 * compiler-rt lib/tsan/rtl/tsan_mman.cpp user_free (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_report.cpp ReportRace
 * (LLVM 14). */
#include "../casebook.h"
#include <stdatomic.h>

// expect-tsan: none
// expect-output: Reader: done.

struct config {
  int version;
};

static struct config *_Atomic current;
static _Atomic int readers_done; /* the grace period: readers that are past their read */
static invisible_barrier loaded, swapped;

static void *reader(void *unused) {
  (void)unused;
  struct config *seen = atomic_load_explicit(&current, memory_order_acquire);
  invisible_barrier_wait(&loaded); /* the writer swaps now */
  invisible_barrier_wait(&swapped);
  if (seen->version != 1)
    say("Reader: the old version changed under it.");
  atomic_fetch_add_explicit(&readers_done, 1, memory_order_release);
  say("Reader: done.");
  return NULL;
}

int main(void) {
  pthread_t thread;
  struct config *first = malloc(sizeof *first), *second = malloc(sizeof *second);
  if (first == NULL || second == NULL)
    return 1;
  *first = (struct config){1};
  *second = (struct config){2};
  atomic_store(&current, first);
  invisible_barrier_init(&loaded, 2);
  invisible_barrier_init(&swapped, 2);
  pthread_create(&thread, NULL, reader, NULL);
  invisible_barrier_wait(&loaded);
  struct config *old = atomic_exchange_explicit(&current, second, memory_order_acq_rel);
  invisible_barrier_wait(&swapped);
  while (atomic_load_explicit(&readers_done, memory_order_acquire) < 1)
    ; /* the grace period: the one reader is past its read */
  free(old);
  pthread_join(thread, NULL);
  free(second);
  return 0;
}
