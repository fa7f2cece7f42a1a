/* The fix: double-checked locking with an atomic pointer. The first check is an acquire load and the creator
 * publishes with a release store (still under the lock, so only one thread creates). A reader that sees the
 * pointer non-NULL is then ordered after the fields' creation, and no plain access to the pointer is left:
 * TSan reports nothing. The lock is taken only while the settings do not exist yet.
 * Source: compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicStore, AtomicLoad (LLVM 14); C11 5.1.2.4p11. */
#include "../casebook.h"
#include <stdatomic.h>
#include <string.h>

// expect-tsan: none
// expect-output: Testing update. Ending value is 3.

struct settings {
  int step;
};
static _Atomic(struct settings *) settings; /* created on first use */
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
  struct settings *current = atomic_load_explicit(&settings, memory_order_acquire);
  if (current == NULL) {
    pthread_mutex_lock(&settings_lock);
    current = atomic_load_explicit(&settings, memory_order_relaxed);
    if (current == NULL) {
      current = new_settings();
      atomic_store_explicit(&settings, current, memory_order_release);
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
