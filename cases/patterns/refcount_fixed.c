/* The fix: the count is an atomic_int and each drop is one atomic_fetch_sub, so two drops can never read the
 * same count. The default (sequentially consistent) order makes each drop a release and an acquire, so the drop
 * that reaches zero happens-after every other thread's drop, and with it after their uses of the store: the free
 * is ordered too, and TSan reports nothing.
 * Source: compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicRMW (LLVM 14); C11 7.17.7.5p2; C11 5.1.2.4p10;
 * C11 5.1.2.4p11; compiler-rt lib/tsan/rtl/tsan_mman.cpp OnUserFree (LLVM 14). */
#include "../casebook.h"
#include <stdatomic.h>
#include <string.h>

// expect-tsan: none
// expect-output: Thread Second dropped the last reference

struct store {
  atomic_int refs;
  int value;
};
static struct store *shared;
static invisible_barrier first_done;

static void release(struct store *store, const char *name) {
  int refs = atomic_fetch_sub(&store->refs, 1) - 1;
  if (refs == 0) {
    say("Thread %s dropped the last reference", name);
    free(store);
  }
}

static void *worker(void *arg) {
  const char *name = arg;
  bool second = strcmp(name, "Second") == 0;
  if (second)
    invisible_barrier_wait(&first_done); /* Second starts when First has dropped its reference */
  say("Thread %s sees value %d", name, shared->value);
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
  *shared = (struct store){.refs = 2, .value = 0};
  invisible_barrier_init(&first_done, 2);
  pthread_create(&threads[0], NULL, worker, "First");
  pthread_create(&threads[1], NULL, worker, "Second");
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  return 0;
}
