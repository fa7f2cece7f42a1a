/* Thread-local storage with GNU's `__thread`, the older spelling of C11's _Thread_local (thread_local_fixed.c):
 * every thread gets its own `updates_run` at its own address, so the two workers bumping "the" counter at once
 * touch different memory and TSan reports nothing. The worker that runs First and Third counts to two.
 * Source: C11 6.2.4p4; compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Thread Third: update 2 of its worker
// expect-output: Testing update. Ending value is 3.

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};
static __thread int updates_run;

static void update(const char *name) {
  meet_other_update(); /* First and Second bump the counter together */
  int run = ++updates_run;
  say("Thread %s: update %d of its worker", name, run);
  pthread_mutex_lock(&store.lock);
  store.value += 1;
  pthread_mutex_unlock(&store.lock);
}

int main(void) { return run_lesson(update, &store.value); }
