/* The fix: one atomic read-modify-write, atomic_fetch_add, instead of a load and a store. No other update can
 * come between its read and its write, even when First and Second add at the same moment, so no increment is
 * lost and the program always ends at 3. TSan reports nothing, as for the mistake; here that is right.
 * Source: C11 7.17.7.5p2; compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicRMW (LLVM 14). */
#include "../casebook.h"
#include <stdatomic.h>

// expect-tsan: none
// expect-output: Testing update. Ending value is 3.

static struct {
  _Atomic int value;
} store;

static void update(const char *name) {
  say("Thread %s: starting update", name);
  meet_other_update(); /* both arrive before either adds */
  atomic_fetch_add_explicit(&store.value, 1, memory_order_relaxed);
  meet_other_update(); /* both have added before Third adds */
  say("Thread %s: finishing update", name);
}

/* run_lesson_atomic() reads the value with atomic_load(), before the workers start and after they are joined. */
int main(void) { return run_lesson_atomic(update, &store.value); }
