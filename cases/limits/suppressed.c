/* The racy update of seed/no_lock.c, run with a suppressions file (suppressed.supp, next to this case) holding
 * `race:update`. The pattern is a substring match against every function, file and module name in the report's
 * stacks, so it drops this race through `update` and would as well drop one through `meet_other_update` or a
 * file named `updater.c`. TSan still detects the race but prints no report, so the run looks clean while one
 * increment is still lost (it always ends at 2). A suppression hides undefined behaviour rather than making it
 * safe; keep it narrow (`race:^update$`) and for code you cannot fix, such as a third-party library. */
#include "../casebook.h"

// tsan-options: suppressions=suppressed.supp
// expect-tsan: none -- suppressed: suppressed.supp drops the race, which is still there
// expect-output: Testing update. Ending value is 2.

static struct {
  int value;
} store;

static void update(const char *name) {
  say("Thread %s: starting update", name);
  int local_copy = store.value;
  local_copy += 1;
  meet_other_update(); /* both copies are taken before either is written back */
  store.value = local_copy;
  meet_other_update(); /* both are written back before Third reads */
  say("Thread %s: finishing update", name);
}

int main(void) { return run_lesson(update, &store.value); }
// expect-suppressed: race:update 1 -- the lesson: suppressed.supp hides the race in update, on purpose
