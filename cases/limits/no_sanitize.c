/* The racy update of seed/no_lock.c, with its function marked __attribute__((no_sanitize("thread"))). The
 * compiler then leaves its plain loads and stores uninstrumented, so TSan never learns of them: First and Second
 * both copy 0, one increment is lost (the program always ends at 2), and TSan reports nothing. No data race is
 * harmless in C11 (every one is undefined behaviour), so the attribute does not make one safe; it only hides it.
 * Nor is it a library built without -fsanitize=thread: clang still instruments the function's atomics and its
 * entry and exit (gcc 12 drops all of it), while such a library also hides its own locking, which turns its
 * callers' correct code into false positives.
 * Source: llvm lib/Transforms/Instrumentation/ThreadSanitizer.cpp sanitizeFunction (LLVM 14); gcc 12 gcc/tsan.cc
 * pass_tsan::gate; C11 5.1.2.4p25. */
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

/* The attribute's effect is this case's lesson, so the harness is told it is meant. */
// tsan-hides: uninstrumented update -- no_sanitize("thread") hides the race on purpose here
