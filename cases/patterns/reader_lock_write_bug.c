/* The mistake: a reader lock taken for a write. Each update holds the read-write lock in read mode while it
 * copies, increments and writes back `value`; read mode lets any number of holders in at once, so First and
 * Second update together and one increment can be lost. TSan models that too: a read unlock orders nothing
 * before the next read lock, so it reports a data race on `value`, with "mutexes: read M0" on both accesses.
 * Source: POSIX.1-2017 pthread_rwlock_rdlock(); compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp
 * pthread_rwlock_rdlock, pthread_rwlock_wrlock, pthread_rwlock_unlock (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostReadLock, MutexReadOrWriteUnlock, MutexPostLock (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14). */
#include "../casebook.h"

static struct {
  int value;
  pthread_rwlock_t lock;
} store = {0, PTHREAD_RWLOCK_INITIALIZER};

static void update(const char *name) {
  say("Thread %s: starting update", name);
  pthread_rwlock_rdlock(&store.lock);
  say("Thread %s has lock", name);
  int local_copy = store.value;
  local_copy += 1;
  meet_other_update(); /* both reader-lock holders have read before either sleeps */
  pretend_to_work();
  wait_for_my_turn();  /* First writes back before Second, every run */
  store.value = local_copy; // expect-tsan: data race -- written while holding only a reader lock
  pass_the_turn();
  meet_other_update(); /* both are written back before Third reads */
  say("Thread %s about to release lock", name);
  pthread_rwlock_unlock(&store.lock);
  say("Thread %s: finishing update", name);
}

int main(void) { return run_lesson(update, &store.value); }
