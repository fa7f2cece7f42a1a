/* The racy update of seed/no_lock.c, with its function marked __attribute__((no_sanitize("thread"))). The
 * compiler then leaves its memory accesses uninstrumented, so TSan never learns of them: First and Second
 * both copy 0, one increment is lost (the program always ends at 2), and TSan reports nothing. The
 * attribute is meant for code that is racy on purpose and known to be safe; on any other code it hides real
 * races, and so does linking in a library that was built without -fsanitize=thread. */
#include "../casebook.h"

// expect-tsan: none -- misses: the racy accesses are not instrumented
// expect-output: Testing update. Ending value is 2.

static struct {
  int value;
} store;

__attribute__((no_sanitize("thread"))) static void update(const char *name) {
  say("Thread %s: starting update", name);
  int local_copy = store.value; // expect-bug: data race -- not instrumented, still a race
  local_copy += 1;
  meet_other_update(); /* both copies are taken before either is written back */
  store.value = local_copy; // expect-bug: data race -- not instrumented, still a race
  meet_other_update(); /* both are written back before Third reads */
  say("Thread %s: finishing update", name);
}

int main(void) { return run_lesson(update, &store.value); }
