/* One item is left, and each update takes one if the stock is above zero. The check and the take are two
 * separate atomic operations, so First and Second both see one item before either takes it, both take it,
 * and the stock ends at -1. Every access is atomic, so there is no data race and TSan reports nothing; a
 * check-then-act that is not one atomic step is a logic race TSan does not look for.
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_interface_atomic.cpp AtomicLoad, AtomicRMW (LLVM 14). */
#include "../casebook.h"
#include <stdatomic.h>

// expect-tsan: none -- misses: the check and the take are each atomic, just not together
// expect-output: Testing update. Ending value is -1.

static struct {
  atomic_int value; /* items in stock */
} store = {1};

static void update(const char *name) {
  say("Thread %s: starting update", name);
  bool in_stock = atomic_load(&store.value) > 0;
  meet_other_update(); /* both have checked before either takes */
  if (in_stock) {
    atomic_fetch_sub(&store.value, 1); // expect-bug: atomicity violation -- acts on a stale check
    say("Thread %s took an item", name);
  }
  say("Thread %s: finishing update", name);
}

/* run_lesson_atomic() reads the value with atomic_load(), before the workers start and after they are joined. */
int main(void) { return run_lesson_atomic(update, &store.value); }
