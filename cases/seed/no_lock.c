/* No lock at all. Each update copies `value`, sleeps, and writes the copy back, so two updates running at
 * once both start from the same number and one increment is lost. TSan reports a data race on `value`: the
 * write of one worker and the read or write of the other are not ordered by any happens-before edge (the two
 * workers share only their creation and join). The report also shows "As if synchronized via sleep" and the
 * nanosleep() in pretend_to_work(): TSan noticed that this thread slept after the other's access and before
 * its own, a hint that the code may count on the sleep to order the two; a sleep never synchronizes anything.
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_interceptors_posix.cpp nanosleep (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp AfterSleep
 * (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_report.cpp ReportRace (LLVM 14). */
#include "../casebook.h"

static struct {
  int value;
} store;

static void update(const char *name) {
  say("Thread %s: starting update", name);
  int local_copy = store.value;
  local_copy += 1;
  meet_other_update(); /* First and Second have both read before either sleeps */
  pretend_to_work();
  wait_for_my_turn();  /* First writes back before Second, every run */
  store.value = local_copy; // expect-tsan: data race -- this write meets the other worker's read or write
  pass_the_turn();
  meet_other_update(); /* both are written back before Third reads */
  say("Thread %s: finishing update", name);
}

int main(void) { return run_lesson(update, &store.value); }
