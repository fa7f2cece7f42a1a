/* Every access to `value` is atomic, so there is no data race, yet the update is still a read-copy-write:
 * First and Second both load 0 before either stores, and one increment is lost. The program always ends
 * at 2. TSan looks for data races, and two atomic accesses never form one, so it reports nothing: an
 * atomicity violation built from atomic loads and stores is invisible to it. */
#include "../casebook.h"
#include <stdatomic.h>

// expect-tsan: none -- misses: atomic accesses never race, though the load and the store are not one step
// expect-output: Testing update. Ending value is 2.

static struct {
  atomic_int value;
} store;

static void update(const char *name) {
  say("Thread %s: starting update", name);
  int local_copy = atomic_load(&store.value);
  local_copy += 1;
  meet_other_update(); /* both copies are taken before either is written back */
  atomic_store(&store.value, local_copy); // expect-bug: atomicity violation -- stores a stale copy
  meet_other_update(); /* both are written back before Third reads */
  say("Thread %s: finishing update", name);
}

/* run_lesson() prints the value through a plain int pointer, after joining every worker. */
int main(void) { return run_lesson(update, (const int *)&store.value); }
