/* The fix: the peek is atomic too, __atomic_load_n, the builtin twin of atomic_load. Now every access to
 * `value` while the workers run is atomic, atomic accesses never race with each other, and TSan reports
 * nothing. (With a C11 _Atomic int, plain syntax would already make every access atomic.)
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_interface_atomic.cpp AtomicLoad, AtomicRMW (LLVM 14); C11 6.2.6.1p9. */
#include "../casebook.h"
#include <string.h>

// expect-tsan: none
// expect-output: Testing update. Ending value is 3.

static struct {
  int value;
} store;

static void update(const char *name) {
  bool second = strcmp(name, "Second") == 0;
  if (second)
    meet_other_update(); /* Second adds only after First has peeked */
  say("Thread %s: starting update", name);
  __atomic_fetch_add(&store.value, 1, __ATOMIC_RELAXED);
  int seen = __atomic_load_n(&store.value, __ATOMIC_RELAXED);
  say("Thread %s sees %d", name, seen);
  if (!second)
    meet_other_update();
}

int main(void) { return run_lesson(update, &store.value); }
