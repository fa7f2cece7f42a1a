/* The fix: each drop is memory_order_acq_rel. The release half orders First's write of `value` before its drop,
 * and the acquire half makes Second's drop, which reads the count First's drop left, happen-after it: the free is
 * ordered after every use of the store. TSan releases and acquires on the count's address for an acq_rel
 * read-modify-write, sees the same edge, and reports nothing.
 * Source: C11 5.1.2.4p11; compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicRMW (LLVM 14);
 * compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicRMW (LLVM 13). */
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
  int refs = atomic_fetch_sub_explicit(&store->refs, 1, memory_order_acq_rel) - 1;
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
