/* The fix: get_settings() holds a mutex around the whole check-and-create. Whoever comes first creates the
 * settings before unlocking; a later caller locks after that unlock, so it sees the pointer and the fields
 * behind it, all ordered by the lock. TSan reports nothing. The price is a lock on every call, which is what
 * double-checked locking tries to avoid (see double_checked_locking_bug.c).
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock,
 * pthread_mutex_unlock (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14);
 * POSIX.1-2017 XBD 4.12. */
#include "../casebook.h"
#include <string.h>

// expect-tsan: none
// expect-output: Testing update. Ending value is 3.

struct settings {
  int step;
};
static struct settings *settings; /* created on first use */
static pthread_mutex_t settings_lock = PTHREAD_MUTEX_INITIALIZER;
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
  pthread_mutex_lock(&settings_lock);
  if (settings == NULL)
    settings = new_settings();
  struct settings *current = settings;
  pthread_mutex_unlock(&settings_lock);
  return current;
}

static void update(const char *name) {
  bool second = strcmp(name, "Second") == 0;
  if (second)
    meet_other_update(); /* Second starts when First has finished */
  say("Thread %s: starting update", name);
  int step = get_settings()->step;
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
