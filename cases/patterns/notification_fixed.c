/* The fix: the flag is an atomic_bool, set with a release store and read with an acquire load. When Second's
 * acquire load sees the value First's release store wrote, everything First did before the store happens-before
 * everything Second does after the load, so Second's read of `value` is ordered after First's write and TSan
 * reports nothing. (A mutex and condition variable would do the same, and let Second sleep instead of spin.) */
#include "../casebook.h"
#include <stdatomic.h>

// expect-tsan: none
// expect-output: Ending value is 2.

/* Flag and data on separate 8-byte cells: once TSan reports a race in a cell it stops checking that cell. */
static _Alignas(8) struct {
  int value;
} store;
static _Alignas(8) atomic_bool ready;

static void *first(void *arg) {
  (void)arg;
  int local_copy = store.value;
  local_copy += 1;
  store.value = local_copy;
  atomic_store_explicit(&ready, true, memory_order_release);
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  while (!atomic_load_explicit(&ready, memory_order_acquire))
    continue;
  int local_copy = store.value;
  say("Thread Second sees value %d", local_copy);
  local_copy += 1;
  store.value = local_copy;
  return NULL;
}

int main(void) {
  pthread_t threads[2];
  pthread_create(&threads[0], NULL, first, NULL);
  pthread_create(&threads[1], NULL, second, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  say("Ending value is %d.", store.value);
  return 0;
}
