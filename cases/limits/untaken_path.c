/* An option turns the lock off ("--no-lock", meant for single-threaded use), and with it every update would
 * race on `value`. This run does not pass the option, so every update takes the lock and TSan reports
 * nothing. TSan only judges the accesses a run actually makes: a race on a path the run does not take goes
 * unreported, so tests must drive every path. (Run it with --no-lock and TSan reports the race, however the
 * threads happen to interleave: nothing orders the two workers' accesses.)
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp MemoryAccess, CheckRaces (LLVM 14). */
#include "../casebook.h"
#include <string.h>

// expect-tsan: none -- misses: the racy path exists, but this run does not take it
// expect-output: Testing update. Ending value is 3.

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};

static bool use_lock = true;

static void update(const char *name) {
  say("Thread %s: starting update", name);
  if (use_lock)
    pthread_mutex_lock(&store.lock);
  int local_copy = store.value; // expect-bug: data race -- when the lock is off (--no-lock)
  local_copy += 1;
  store.value = local_copy; // expect-bug: data race -- when the lock is off (--no-lock)
  if (use_lock)
    pthread_mutex_unlock(&store.lock);
  say("Thread %s: finishing update", name);
}

int main(int argc, char **argv) {
  use_lock = !(argc > 1 && strcmp(argv[1], "--no-lock") == 0);
  return run_lesson(update, &store.value);
}
