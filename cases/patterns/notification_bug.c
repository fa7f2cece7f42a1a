/* The mistake: notification before the data. First raises the flag `ready` with a release store and only then
 * writes `value`; Second waits for the flag with an acquire load and reads `value`. Release publishes only the
 * writes that come before it, so First's write is not ordered before Second's read: Second may read the old
 * value (here it does, every run: it reads while First is between the two), and TSan reports a data race
 * between Second's read and First's later write. The fix writes the data first and raises the flag last.
 * Source: compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicStore, AtomicLoad (LLVM 14); C11 5.1.2.4p11;
 * compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14). */
#include "../casebook.h"
#include <stdatomic.h>

// expect-output: Thread Second sees value 0

/* Flag and data on separate 8-byte cells: once TSan reports a race in a cell it stops checking that cell. */
static _Alignas(8) struct {
  int value;
} store;
static _Alignas(8) atomic_bool ready;
static invisible_barrier second_read; /* fixes when First writes; it orders nothing for TSan */

static void *first(void *arg) {
  (void)arg;
  int local_copy = store.value;
  local_copy += 1;
  atomic_store_explicit(&ready, true, memory_order_release);
  invisible_barrier_wait(&second_read);
  store.value = local_copy; // expect-tsan: data race -- written after the release that should have published it
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  while (!atomic_load_explicit(&ready, memory_order_acquire))
    continue;
  int seen = store.value;
  invisible_barrier_wait(&second_read);
  say("Thread Second sees value %d", seen);
  return NULL;
}

int main(void) {
  pthread_t threads[2];
  invisible_barrier_init(&second_read, 2);
  pthread_create(&threads[0], NULL, first, NULL);
  pthread_create(&threads[1], NULL, second, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  say("Ending value is %d.", store.value);
  return 0;
}
