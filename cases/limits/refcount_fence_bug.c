/* Correct code that TSan gets wrong: the reference count idiom of Boost and of Rust's Arc. Each drop is a release
 * decrement, and only the thread that reaches zero pays for an acquire fence before the free; by C11's fence rules
 * First's release decrement synchronizes with that fence, so First's write of `value` happens-before the free.
 * TSan does not model standalone fences (AtomicFence is a bare hardware fence) and a release-only decrement
 * acquires nothing, so it reports a data race on the store: Second's free against First's write, a false positive.
 * Unlike fence_bug.c, the fence pairs with a read-modify-write, not with a load; patterns/refcount_relaxed_bug.c
 * is the real bug of the same shape.
 * Source: C11 7.17.4p4; compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicFence, AtomicRMW (LLVM 14);
 * compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicFence, AtomicRMW (LLVM 13). */
#include "../casebook.h"
#include <stdatomic.h>
#include <string.h>

// expect-output: Thread Second dropped the last reference
// expect-bug: none -- the program is correct: the report below is the false positive

struct store {
  atomic_int refs;
  int value;
};
static struct store *shared;
static invisible_barrier first_done;

static void release(struct store *store, const char *name) {
  if (atomic_fetch_sub_explicit(&store->refs, 1, memory_order_release) == 1) {
    atomic_thread_fence(memory_order_acquire);
    say("Thread %s dropped the last reference", name);
    free(store); // expect-tsan: data race -- false positive: TSan ignores the acquire fence that orders the free
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
