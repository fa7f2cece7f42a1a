/* The mistake: double-checked locking with a plain pointer. get_settings() checks the pointer without the lock
 * and takes the lock only when it is NULL, to create the settings once. The unlocked first check reads the
 * pointer while another thread may be writing it under the lock, and a reader that sees it non-NULL never takes
 * the lock, so nothing orders the fields' creation before its reads. Here Second starts after First has finished
 * (the settings exist): TSan reports a data race on the pointer (the unlocked check against First's locked
 * write) and one on `step` (Second's read against the creation of the block).
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14); compiler-rt lib/tsan/rtl/tsan_mman.cpp
 * OnUserAlloc (LLVM 14); compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock,
 * pthread_mutex_unlock (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14). */
#include "../casebook.h"
#include <string.h>

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
  struct settings *current = settings; // expect-tsan: data race -- the unlocked first check
  if (current == NULL) {
    pthread_mutex_lock(&settings_lock);
    current = settings;
    if (current == NULL) {
      current = new_settings();
      settings = current;
    }
    pthread_mutex_unlock(&settings_lock);
  }
  return current;
}

static void update(const char *name) {
  bool second = strcmp(name, "Second") == 0;
  if (second)
    meet_other_update(); /* Second starts when First has finished */
  say("Thread %s: starting update", name);
  int step = get_settings()->step; // expect-tsan: data race -- Second never took the lock that orders creation
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
