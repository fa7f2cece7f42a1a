/* The lock guards the read but is released before the write. The write of one update is then unordered with
 * the locked read of the other (the unlock that precedes the write cannot order an access that comes after
 * it), so TSan reports a data race at the unlocked write, with "mutexes: write M0" on the other update's read.
 * First and Second both copy 0, so one update is lost and the program ends at 2.
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock, pthread_mutex_unlock
 * (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_report.cpp ReportRace
 * (LLVM 14). */
#include "../casebook.h"

// expect-output: Testing update. Ending value is 2.

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};

static void update(const char *name) {
  say("Thread %s: starting update", name);
  wait_for_my_turn(); /* First takes the lock before Second, every run */
  pthread_mutex_lock(&store.lock);
  say("Thread %s has lock", name);
  int local_copy = store.value;
  say("Thread %s about to release lock", name);
  pthread_mutex_unlock(&store.lock);
  pass_the_turn();
  local_copy += 1;
  meet_other_update(); /* First and Second have both read before either writes */
  wait_for_my_turn();  /* First writes back before Second, every run */
  store.value = local_copy; // expect-tsan: data race -- written after the unlock
  pass_the_turn();
  meet_other_update(); /* both are written back before Third reads */
  say("Thread %s: finishing update", name);
}

int main(void) { return run_lesson(update, &store.value); }
