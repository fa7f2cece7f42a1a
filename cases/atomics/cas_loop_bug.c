/* Each update loads `value` and tries once to swap in one more with atomic_compare_exchange_strong, ignoring
 * a failure. First and Second both load 0; the first swap wins, the second finds 1 instead of 0, fails, and
 * the update is dropped: the program always ends at 2. Every access is atomic, so TSan reports nothing; a
 * compare-exchange that can fail must be retried, and TSan cannot tell that nobody did.
 * Source: C11 7.17.7.4p2; compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicCAS (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14). */
#include "../casebook.h"
#include <stdatomic.h>

// expect-tsan: none -- misses: a failed compare-exchange that is ignored is a lost update, not a data race
// expect-output: Testing update. Ending value is 2.

static struct {
  _Atomic int value;
} store;

static void update(const char *name) {
  say("Thread %s: starting update", name);
  int expected = atomic_load(&store.value);
  meet_other_update(); /* both have loaded before either swaps */
  // expect-bug: atomicity violation -- a failed swap is dropped, not retried
  if (!atomic_compare_exchange_strong(&store.value, &expected, expected + 1))
    say("Thread %s: the value changed to %d meanwhile", name, expected);
  meet_other_update(); /* both have tried before Third loads */
  say("Thread %s: finishing update", name);
}

/* run_lesson_atomic() reads the value with atomic_load(), before the workers start and after they are joined. */
int main(void) { return run_lesson_atomic(update, &store.value); }
