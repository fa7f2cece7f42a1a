/* The fix: retry the compare-exchange until it succeeds. On failure it loads the current value into
 * `expected`, so the loser of the race simply tries again from the new value (the weak form may also fail
 * spuriously, which the loop absorbs). Every access is atomic (seq_cst by default), TSan reports nothing, and
 * the program always ends at 3.
 * Source: C11 7.17.7.4p2; C11 7.17.7.4p4; compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicCAS (LLVM 14). */
#include "../casebook.h"
#include <stdatomic.h>

// expect-tsan: none
// expect-output: Testing update. Ending value is 3.

static struct {
  _Atomic int value;
} store;

static void update(const char *name) {
  say("Thread %s: starting update", name);
  int expected = atomic_load(&store.value);
  meet_other_update(); /* both have loaded before either swaps */
  while (!atomic_compare_exchange_weak(&store.value, &expected, expected + 1))
    say("Thread %s: the value changed to %d meanwhile, trying again", name, expected);
  meet_other_update(); /* both have swapped before Third loads */
  say("Thread %s: finishing update", name);
}

/* run_lesson_atomic() reads the value with atomic_load(), before the workers start and after they are joined. */
int main(void) { return run_lesson_atomic(update, &store.value); }
