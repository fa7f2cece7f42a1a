/* The mistake: an RCU-style update that frees the old version too early. Readers load the current config
 * pointer (acquire) and read through it without a lock; the writer swaps in a new config (release) and frees
 * the old one at once. But a reader that loaded the old pointer just before the swap is still using it: its
 * next read hits freed memory. TSan reports a heap-use-after-free at that read, with the writer's free() as the
 * earlier access. The fix waits for a grace period (until no reader can still hold the old pointer) first.
 * Source: compiler-rt lib/tsan/rtl/tsan_mman.cpp user_free (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_report.cpp
 * ReportRace (LLVM 14); compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicLoad, AtomicStore (LLVM 14). */
#include "../casebook.h"
#include <stdatomic.h>

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
  if (seen->version != 1) // expect-tsan: heap-use-after-free -- the writer freed this version already
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
  free(old);
  invisible_barrier_wait(&swapped);
  pthread_join(thread, NULL);
  free(second);
  return 0;
}
