/* `value` is _Atomic, and the update is written in plain syntax: `store.value = plus_one(store.value)`. On an
 * _Atomic object that is two atomic operations, a load and a store, each indivisible but not the pair: First and
 * Second both load 0 before either stores (plus_one() meets the other update in between), and one increment is
 * lost, so the program always ends at 2. Two atomic accesses never race, so TSan reports nothing. It is the
 * mistake of atomics/atomic_rmw_split_bug.c, hidden in syntax that looks like one step.
 * Source: C11 6.2.6.1p9; C11 6.5.16.2p3; compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14). */
#include "../casebook.h"
#include <stdatomic.h>

// expect-tsan: none -- misses: the atomic load and the atomic store are each indivisible, just not together
// expect-output: Testing update. Ending value is 2.

static struct {
  _Atomic int value;
} store;

static int plus_one(int seen) {
  meet_other_update(); /* both have loaded before either stores */
  return seen + 1;
}

static void update(const char *name) {
  say("Thread %s: starting update", name);
  store.value = plus_one(store.value); // expect-bug: atomicity violation -- a load, then a separate store
  meet_other_update(); /* both have stored before Third loads */
  say("Thread %s: finishing update", name);
}

/* run_lesson_atomic() reads the value with atomic_load(), before the workers start and after they are joined. */
int main(void) { return run_lesson_atomic(update, &store.value); }
