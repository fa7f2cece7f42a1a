/* The fix: the pointer is an atomic, published with a release store and loaded with an acquire load. When
 * Second's acquire load returns the pointer First's release store wrote, First's writes of the fields
 * happen-before Second's reads of them, and the pointer itself is accessed only atomically: TSan reports nothing.
 * (Publishing before the thread starts, or under a mutex, would work as well.)
 * Source: compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicStore, AtomicLoad (LLVM 14); C11 5.1.2.4p11. */
#include "../casebook.h"
#include <stdatomic.h>

// expect-tsan: none
// expect-output: Thread Second sees value 1

struct store {
  int value;
  const char *owner;
};
static _Atomic(struct store *) published;
static invisible_barrier publishing_done;

static void *first(void *arg) {
  (void)arg;
  struct store *store = malloc(sizeof *store);
  if (store == NULL)
    abort();
  store->value = 1;
  store->owner = "First";
  atomic_store_explicit(&published, store, memory_order_release);
  invisible_barrier_wait(&publishing_done);
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  invisible_barrier_wait(&publishing_done);
  struct store *store = atomic_load_explicit(&published, memory_order_acquire);
  if (store != NULL)
    say("Thread Second sees value %d", store->value);
  return NULL;
}

int main(void) {
  pthread_t threads[2];
  invisible_barrier_init(&publishing_done, 2);
  pthread_create(&threads[0], NULL, first, NULL);
  pthread_create(&threads[1], NULL, second, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  free(published);
  return 0;
}
