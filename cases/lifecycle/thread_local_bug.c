/* The mistake: each worker wants to count the updates it has run, but the counter is one global shared by both
 * workers. First and Second run at the same time and bump it with a plain read-add-write; nothing orders one's
 * write against the other's access, so TSan reports a data race on `updates_run`. They take turns at the bump
 * (an order in time that TSan does not see, as in seed/no_lock.c): two accesses at the very same instant can miss
 * each other, since TSan checks and updates a shadow cell with no lock or compare-and-swap. The fix gives every
 * thread its own copy with _Thread_local; the shared `value` stays under its lock in both.
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14). */
#include "../casebook.h"

// expect-output: Testing update. Ending value is 3.

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};
static int updates_run;

static void update(const char *name) {
  meet_other_update(); /* First and Second run at the same time... */
  wait_for_my_turn();  /* ...and bump the counter one after the other, First first, every run */
  int run = ++updates_run; // expect-tsan: data race -- both workers bump the one counter
  pass_the_turn();
  say("Thread %s: update %d of its worker", name, run);
  pthread_mutex_lock(&store.lock);
  store.value += 1;
  pthread_mutex_unlock(&store.lock);
}

int main(void) { return run_lesson(update, &store.value); }
