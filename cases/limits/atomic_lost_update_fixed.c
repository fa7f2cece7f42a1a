/* The fix: one atomic read-modify-write, atomic_fetch_add(), instead of a load and a store. No other update
 * can come between its read and its write, so no increment is lost even when the updates overlap: the
 * program always ends at 3, and TSan, which had nothing to say about the broken version, reports nothing. */
#include "../casebook.h"
#include <stdatomic.h>

// expect-tsan: none
// expect-output: Testing update. Ending value is 3.

static struct {
  atomic_int value;
} store;

static void update(const char *name) {
  say("Thread %s: starting update", name);
  meet_other_update(); /* both updates run at once */
  atomic_fetch_add(&store.value, 1);
  meet_other_update(); /* both are done before Third starts */
  say("Thread %s: finishing update", name);
}

/* run_lesson() prints the value through a plain int pointer, after joining every worker. */
int main(void) { return run_lesson(update, (const int *)&store.value); }
