/* The mistake: the reference count is atomic, so unlike refcount_bug.c no drop is lost, but every drop is
 * memory_order_relaxed. A relaxed read-modify-write orders nothing but the count itself: First's last write to the
 * store is not ordered before Second's free, and a compiler or CPU may move that write past the drop. TSan applies
 * no release or acquire for a relaxed atomic, so it reports a data race on the store: Second's free (a write of the
 * whole block) against First's write of `value`. Second drops only after First (the invisible barrier orders them
 * in time, not for TSan), so the count and the report are the same on every run.
 * Source: C11 7.17.3p1; C11 5.1.2.4p11; compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicRMW (LLVM 14);
 * compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicRMW (LLVM 13). */
#include "../casebook.h"
#include <stdatomic.h>
#include <string.h>

// expect-output: Thread Second dropped the last reference

struct store {
  atomic_int refs;
  int value;
};
static struct store *shared;
static invisible_barrier first_done;

static void release(struct store *store, const char *name) {
  int refs = atomic_fetch_sub_explicit(&store->refs, 1, memory_order_relaxed) - 1;
  if (refs == 0) {
    say("Thread %s dropped the last reference", name);
    free(store); // expect-tsan: data race -- the relaxed drop did not order First's write before the free
  }
}

static void *worker(void *arg) {
  const char *name = arg;
  bool second = strcmp(name, "Second") == 0;
  if (second)
    invisible_barrier_wait(&first_done); /* Second starts when First has dropped its reference */
  else
    shared->value = 1; /* First's last use of the store */
  release(shared, name);
  if (!second)
    invisible_barrier_wait(&first_done);
  return NULL;
}

int main(void) {
  pthread_t threads[2];
  shared = malloc(sizeof *shared);
  if (shared == NULL)
    return 1;
  shared->value = 0;
  atomic_init(&shared->refs, 2);
  invisible_barrier_init(&first_done, 2);
  pthread_create(&threads[0], NULL, worker, "First");
  pthread_create(&threads[1], NULL, worker, "Second");
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  return 0;
}
