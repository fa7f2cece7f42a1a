/* The fix: First writes `value` before it raises the flag. Everything First did before its release store
 * happens-before everything Second does after the acquire load that sees it, so Second's read is ordered after
 * First's write, Second sees 1, and TSan reports nothing. (A mutex and condition variable would do the same,
 * and let Second sleep instead of spin.)
 * Source: compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicStore, AtomicLoad (LLVM 14); C11 5.1.2.4p11. */
#include "../casebook.h"
#include <stdatomic.h>

// expect-tsan: none
// expect-output: Thread Second sees value 1

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
  store.value = local_copy;
  atomic_store_explicit(&ready, true, memory_order_release);
  invisible_barrier_wait(&second_read);
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
