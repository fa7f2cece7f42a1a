/* The fix: `store.value += 1`. On an _Atomic object a compound assignment is one atomic read-modify-write (C11
 * 6.5.16.2), like atomic_fetch_add, where `value = value + 1` is two separate atomic operations. No increment is
 * lost even when First and Second add at the same moment: the program always ends at 3, and TSan reports nothing,
 * as for the mistake.
 * Source: C11 6.5.16.2p3; compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicRMW (LLVM 14). */
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
  store.value += 1;
  meet_other_update(); /* both have added before Third adds */
  say("Thread %s: finishing update", name);
}

/* run_lesson_atomic() reads the value with atomic_load(), before the workers start and after they are joined. */
int main(void) { return run_lesson_atomic(update, &store.value); }
