/* Each update locks a mutex of its own: `lock` is a local variable, so every call makes a fresh mutex that no
 * other thread ever sees, and locking it orders nothing between threads (an unlock happens-before only a later
 * lock of the same mutex). The updates even run one after another here (the invisible barrier), so the value
 * ends right, yet nothing orders them: TSan reports a data race on `value` between Second's read and First's
 * write, each side holding a different mutex ("write M0" and "write M1" in the report).
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock,
 * pthread_mutex_unlock (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14);
 * compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_report.cpp
 * ReportRace (LLVM 14); POSIX.1-2017 XBD 4.12. */
#include "../casebook.h"
#include <string.h>

// expect-output: Testing update. Ending value is 3.

static struct {
  int value;
} store;

static void update(const char *name) {
  bool second = strcmp(name, "Second") == 0;
  if (second)
    meet_other_update(); /* Second starts only once First is done... */
  pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
  say("Thread %s: starting update", name);
  pthread_mutex_lock(&lock);
  say("Thread %s has lock", name);
  int local_copy = store.value;
  local_copy += 1;
  pretend_to_work();
  store.value = local_copy; // expect-tsan: data race -- the other update held a different mutex
  say("Thread %s about to release lock", name);
  pthread_mutex_unlock(&lock);
  say("Thread %s: finishing update", name);
  if (!second)
    meet_other_update(); /* First lets Second start... */
  meet_other_update();   /* ...and waits for it, so Third starts after Second is done */
}

int main(void) { return run_lesson(update, &store.value); }
