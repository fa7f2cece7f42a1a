/* flush_log() may block for a long time, so it must never run while its caller holds a lock, and it says so
 * by calling __tsan_check_no_mutexes_held() (new in LLVM 18). The update calls it inside its critical
 * section, with the store's lock held, which makes every other update wait for the flush as well. TSan
 * checks its set of held mutexes at the call and reports a mutex held in the wrong context there, naming
 * the lock. The check is declared weak so the case still links where the runtime lacks it.
 * Source: compiler-rt lib/tsan/rtl/tsan_interface_ann.cpp __tsan_check_no_mutexes_held,
 * ReportMutexHeldWrongContext (LLVM 18). */
#include "../casebook.h"

// requires-tsan: clang>=18 -- __tsan_check_no_mutexes_held() first appeared in LLVM 18's runtime
// expect-output: Testing update. Ending value is 3.

__attribute__((weak)) void __tsan_check_no_mutexes_held(void);

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};

/* Writes out what was logged; may block, so it must be called with no lock held. */
static void flush_log(void) {
  if (__tsan_check_no_mutexes_held)
    __tsan_check_no_mutexes_held(); // expect-tsan: mutex held in the wrong context -- the store's lock
  fflush(stdout);
}

static void update(const char *name) {
  say("Thread %s: starting update", name);
  pthread_mutex_lock(&store.lock);
  store.value += 1;
  flush_log();
  pthread_mutex_unlock(&store.lock);
  say("Thread %s: finishing update", name);
}

int main(void) { return run_lesson(update, &store.value); }
