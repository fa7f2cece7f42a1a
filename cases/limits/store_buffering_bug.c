/* The mistake: a Dekker-style entry built on release stores and acquire loads. Each thread raises its own flag,
 * then enters only if the other's flag is down; but only seq_cst operations fall in one total order, and release
 * and acquire order nothing between a store and a later load of another variable, so both loads may read the old
 * 0, both threads enter, and their updates of `count` race. TSan stays silent: it runs each atomic load on the
 * value in memory at that moment, one run at a time, and never considers an outcome it did not run; in its run one
 * thread always sees the other's flag, or comes after it has left.
 * Source: C11 7.17.3p6; C11 5.1.2.4p25; compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicLoad,
 * AtomicStore (LLVM 14). */
#include "../casebook.h"
#include <stdatomic.h>

// expect-tsan: none -- misses: TSan never runs the outcome where both loads read 0

static atomic_int wants[2];
static int count;
static invisible_barrier start;

static void *contender(void *arg) {
  int me = *(int *)arg, other = 1 - me;
  invisible_barrier_wait(&start); /* both try to enter at once */
  atomic_store_explicit(&wants[me], 1, memory_order_release);
  if (atomic_load_explicit(&wants[other], memory_order_acquire) == 0)
    count++; // expect-bug: data race -- both loads may read 0, and both threads enter
  atomic_store_explicit(&wants[me], 0, memory_order_release);
  return NULL;
}

int main(void) {
  static int ids[2] = {0, 1};
  pthread_t threads[2];
  invisible_barrier_init(&start, 2);
  for (int i = 0; i < 2; i++)
    pthread_create(&threads[i], NULL, contender, &ids[i]);
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  say("entries: %d", count);
  return 0;
}
