/* `value` is _Atomic, so each load and store of it is atomic and TSan rightly reports no data race. But the
 * update loads it, adds one and stores it back as two separate atomic operations: First and Second both load
 * 0 before either stores, and one increment is lost, so the program always ends at 2. An atomic type makes each
 * access indivisible, not the read-modify-write as a whole, and a lost update between atomic accesses is not
 * the kind of bug TSan looks for.
 * Source: C11 6.2.6.1p9; compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_interface_atomic.cpp AtomicLoad, AtomicStore (LLVM 14). */
#include "../casebook.h"
#include <stdatomic.h>

// expect-tsan: none -- misses: the load and the store are each atomic, so nothing races
// expect-output: Testing update. Ending value is 2.

static struct {
  _Atomic int value;
} store;

static void update(const char *name) {
  say("Thread %s: starting update", name);
  int local_copy = atomic_load(&store.value);
  local_copy += 1;
  meet_other_update(); /* both have loaded before either stores */
  atomic_store(&store.value, local_copy); // expect-bug: atomicity violation -- stores a stale copy
  meet_other_update(); /* both have stored before Third loads */
  say("Thread %s: finishing update", name);
}

/* run_lesson_atomic() reads the value with atomic_load(), before the workers start and after they are joined. */
int main(void) { return run_lesson_atomic(update, &store.value); }
