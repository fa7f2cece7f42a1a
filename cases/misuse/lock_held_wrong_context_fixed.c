/* The fix: the update releases the store's lock before it flushes the log, so the flush blocks nobody and
 * __tsan_check_no_mutexes_held() finds no mutex held. TSan reports nothing; the check is declared weak so
 * the case still links where the runtime lacks it.
 * Source: compiler-rt lib/tsan/rtl/tsan_interface_ann.cpp __tsan_check_no_mutexes_held,
 * ReportMutexHeldWrongContext (LLVM 18); compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc
 * pthread_mutex_lock, pthread_mutex_unlock (LLVM 14). */
#include "../casebook.h"

// requires-tsan: clang>=18 -- __tsan_check_no_mutexes_held() first appeared in LLVM 18's runtime
// expect-tsan: none
// expect-output: Testing update. Ending value is 3.

__attribute__((weak)) void __tsan_check_no_mutexes_held(void);

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};

/* Writes out what was logged; may block, so it must be called with no lock held. */
static void flush_log(void) {
  if (__tsan_check_no_mutexes_held)
    __tsan_check_no_mutexes_held();
  fflush(stdout);
}

static void update(const char *name) {
  say("Thread %s: starting update", name);
  pthread_mutex_lock(&store.lock);
  store.value += 1;
  pthread_mutex_unlock(&store.lock);
  flush_log();
  say("Thread %s: finishing update", name);
}

int main(void) { return run_lesson(update, &store.value); }
