/* The fix: `updates_run` is _Thread_local, so each thread has its own copy (a different address) and no two
 * threads ever touch the same counter: TSan reports nothing, and the worker that runs First and Third counts to
 * two. GNU's older spelling `__thread` (see thread_local_gnu.c) means the same thing.
 * Source: C11 6.2.4p4; compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Thread Third: update 2 of its worker
// expect-output: Testing update. Ending value is 3.

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};
static _Thread_local int updates_run;

static void update(const char *name) {
  meet_other_update(); /* First and Second run at the same time... */
  wait_for_my_turn();  /* ...and bump the counter one after the other, First first, every run */
  int run = ++updates_run;
  pass_the_turn();
  say("Thread %s: update %d of its worker", name, run);
  pthread_mutex_lock(&store.lock);
  store.value += 1;
  pthread_mutex_unlock(&store.lock);
}

int main(void) { return run_lesson(update, &store.value); }
