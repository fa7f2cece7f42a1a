/* The mistake: a hand-rolled "run once" guard. Each update calls ensure_store(), which checks a plain flag and,
 * if it is still false, sets the store up and then sets the flag; two updates can both see false and both set
 * up. Here Second waits until First has finished, so setup runs once and the value is right, yet nothing orders
 * First's writes before Second's unlocked reads: TSan reports two data races, Second's check of the flag against
 * First's write of it, and Second's read of `step` against First's setup.
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14). */
#include "../casebook.h"
#include <string.h>

// expect-output: Testing update. Ending value is 3.

static struct {
  int value;
  int step; /* set up once, then only read */
  pthread_mutex_t lock;
} store = {.lock = PTHREAD_MUTEX_INITIALIZER};
static bool initialized;

static void set_up_store(void) {
  say("Setting up the store");
  store.step = 1;
}

static void ensure_store(void) {
  if (!initialized) { // expect-tsan: data race -- unlocked check against First's write of the flag
    set_up_store();
    initialized = true;
  }
}

static void update(const char *name) {
  bool second = strcmp(name, "Second") == 0;
  if (second)
    meet_other_update(); /* Second starts when First has finished */
  say("Thread %s: starting update", name);
  ensure_store();
  int step = store.step; // expect-tsan: data race -- against First's setup
  pthread_mutex_lock(&store.lock);
  store.value += step;
  pthread_mutex_unlock(&store.lock);
  say("Thread %s: finishing update", name);
  if (!second)
    meet_other_update(); /* First lets Second start; Third passes straight through */
}

int main(void) { return run_lesson(update, &store.value); }
