/* The GNU __atomic builtins (GCC and clang) are C11's atomics for plain, non-_Atomic variables, with the same
 * memory orders. Each update adds one to the plain int `value` with __atomic_add_fetch, and First and Second do
 * it at the same moment; the compiler emits the same atomic instructions as for atomic_fetch_add, TSan
 * instruments them the same way, and reports nothing. Every access to `value` must then go through a builtin
 * (see mixed_access_bug.c); run_lesson's plain reads come before the workers start and after they are joined.
 * Source: compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicRMW (LLVM 14); llvm
 * lib/Transforms/Instrumentation/ThreadSanitizer.cpp instrumentAtomic (LLVM 14); gcc 12 gcc/tsan.cc
 * instrument_builtin_call; compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Testing update. Ending value is 3.

static struct {
  int value;
} store;

static void update(const char *name) {
  say("Thread %s: starting update", name);
  meet_other_update(); /* First and Second add at the same moment */
  int now = __atomic_add_fetch(&store.value, 1, __ATOMIC_RELAXED);
  int seen = __atomic_load_n(&store.value, __ATOMIC_RELAXED);
  say("Thread %s made it %d and then saw %d", name, now, seen);
  meet_other_update(); /* both have added before Third adds */
}

int main(void) { return run_lesson(update, &store.value); }
