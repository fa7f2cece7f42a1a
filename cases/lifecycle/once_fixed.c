/* The fix: pthread_once runs the setup exactly once, and TSan treats the end of that one call as happening-before
 * the return of every pthread_once on the same control. First's setup is then ordered before Second's unlocked
 * read of `step`, there is no flag left to race on, and TSan reports nothing.
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_once, guard_acquire, guard_release (LLVM 14);
 * POSIX.1-2017 pthread_once(). */
#include "../casebook.h"
#include <string.h>

// expect-tsan: none
// expect-output: Testing update. Ending value is 3.

static struct {
  int value;
  int step; /* set up once, then only read */
  pthread_mutex_t lock;
} store = {.lock = PTHREAD_MUTEX_INITIALIZER};
static pthread_once_t store_once = PTHREAD_ONCE_INIT;

static void set_up_store(void) {
  say("Setting up the store");
  store.step = 1;
}

static void ensure_store(void) {
  pthread_once(&store_once, set_up_store);
}

static void update(const char *name) {
  bool second = strcmp(name, "Second") == 0;
  if (second)
    meet_other_update(); /* Second starts when First has finished */
  say("Thread %s: starting update", name);
  ensure_store();
  int step = store.step;
  pthread_mutex_lock(&store.lock);
  store.value += step;
  pthread_mutex_unlock(&store.lock);
  say("Thread %s: finishing update", name);
  if (!second)
    meet_other_update(); /* First lets Second start; Third passes straight through */
}

int main(void) { return run_lesson(update, &store.value); }
