/* The same correct count, written so that TSan can follow it: the thread that reaches zero replaces the acquire
 * fence with an acquire load of the count (Rust's Arc does the same when built for TSan). The load reads the value
 * Second's own decrement wrote, which continues the release sequence First's release decrement heads, so First's
 * write happens-before the free; TSan acquires on the count's address for the load and reports nothing. The price is
 * one load on the last drop, where the fence cost a barrier.
 * Source: C11 5.1.2.4p10; C11 5.1.2.4p11; compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicLoad,
 * AtomicRMW (LLVM 14); compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicLoad, AtomicRMW (LLVM 13). */
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
  if (atomic_fetch_sub_explicit(&store->refs, 1, memory_order_release) == 1) {
    (void)atomic_load_explicit(&store->refs, memory_order_acquire);
    say("Thread %s dropped the last reference", name);
    free(store);
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
