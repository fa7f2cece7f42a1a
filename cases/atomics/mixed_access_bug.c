/* The updates add to the plain int `value` with __atomic_fetch_add, then peek at it with a plain read "only to
 * log it". An atomic access does not race with another atomic one, but a plain access racing with an atomic
 * one is a data race all the same: First peeks, then Second adds, with nothing ordering the two, and TSan
 * reports "Atomic write of size 4" (Second's add) against "Previous read of size 4" (First's peek). The
 * invisible barrier makes Second add only after First has peeked, so the report is the same every run.
 * Source: C11 5.1.2.4p25; compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_interface_atomic.cpp AtomicRMW (LLVM 14). */
#include "../casebook.h"
#include <string.h>

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
  int seen = store.value; // expect-tsan: data race -- a plain read; the other side is the atomic add
  say("Thread %s sees %d", name, seen);
  if (!second)
    meet_other_update();
}

int main(void) { return run_lesson(update, &store.value); }
