/* The mistake: initializing without synchronization. The settings are created on first use: get_settings()
 * checks a plain pointer and, if it is still NULL, creates them. Two updates at once can both see NULL and both
 * create (one copy leaks), or one can see the pointer before the fields behind it. Here Second starts only after
 * First has finished, so the settings are created once, yet nothing orders First's writes before Second's
 * reads: TSan reports a data race on the pointer (Second's check against First's write) and one on `step`
 * (Second's read against the creation of the block).
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14); compiler-rt lib/tsan/rtl/tsan_mman.cpp
 * OnUserAlloc (LLVM 14). */
#include "../casebook.h"
#include <string.h>

// expect-output: Testing update. Ending value is 3.

struct settings {
  int step;
};
static struct settings *settings; /* created on first use */
static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};

static struct settings *new_settings(void) {
  say("Creating the settings");
  struct settings *created = malloc(sizeof *created);
  if (created == NULL)
    abort();
  created->step = 1;
  return created;
}

static struct settings *get_settings(void) {
  if (settings == NULL) // expect-tsan: data race -- unlocked check against First's write of the pointer
    settings = new_settings();
  return settings;
}

static void update(const char *name) {
  bool second = strcmp(name, "Second") == 0;
  if (second)
    meet_other_update(); /* Second starts when First has finished */
  say("Thread %s: starting update", name);
  int step = get_settings()->step; // expect-tsan: data race -- the fields were written by First, unordered
  pthread_mutex_lock(&store.lock);
  store.value += step;
  pthread_mutex_unlock(&store.lock);
  say("Thread %s: finishing update", name);
  if (!second)
    meet_other_update(); /* First lets Second start; Third passes straight through */
}

int main(void) {
  int status = run_lesson(update, &store.value);
  free(settings);
  return status;
}
