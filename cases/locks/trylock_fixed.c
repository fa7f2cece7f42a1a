/* The fix: touch `value` only when pthread_mutex_trylock returned 0. Second tries while First holds the lock,
 * gets EBUSY and leaves the value alone, which is what choosing trylock means: skip (or retry later) instead
 * of waiting. Every access to `value` is then locked, TSan reports nothing, and the ending value is 2 because
 * Second's update was skipped on purpose. */
#include "../casebook.h"
#include <string.h>

// expect-tsan: none
// expect-output: Testing update. Ending value is 2.

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};

static void update(const char *name) {
  bool second = strcmp(name, "Second") == 0;
  if (second)
    meet_other_update(); /* Second tries only once First holds the lock */
  say("Thread %s: starting update", name);
  int busy = pthread_mutex_trylock(&store.lock);
  say(busy ? "Thread %s did not get the lock" : "Thread %s has lock", name);
  if (!busy)
    store.value += 1;
  if (!second)
    meet_other_update(); /* First, still holding the lock, lets Second try... */
  meet_other_update();   /* ...and keeps it until Second is done */
  if (!busy)
    pthread_mutex_unlock(&store.lock);
  say("Thread %s: finishing update", name);
}

int main(void) { return run_lesson(update, &store.value); }
