/* The mistake: each worker wants to count the updates it has run, but the counter is one global shared by both
 * workers. First and Second bump it at the same moment with a plain read-add-write and nothing orders one's
 * write against the other's access, so TSan reports a data race on `updates_run`. The fix gives every thread its
 * own copy with _Thread_local; the shared `value` stays under its lock in both. */
#include "../casebook.h"

// expect-output: Testing update. Ending value is 3.

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};
static int updates_run;

static void update(const char *name) {
  meet_other_update(); /* First and Second bump the counter together */
  int run = ++updates_run; // expect-tsan: data race -- both workers bump the one counter
  say("Thread %s: update %d of its worker", name, run);
  pthread_mutex_lock(&store.lock);
  store.value += 1;
  pthread_mutex_unlock(&store.lock);
}

int main(void) { return run_lesson(update, &store.value); }
