/* The value is guarded the right way (looked up under the read side of a reader-writer lock, set under the
 * write side), but each lookup also counts itself in `lookups`, a write hidden inside a reader. Readers share
 * the lock, and TSan models that: a read unlock is ordered only before a later write lock, never before
 * another reader's read lock. So the two readers' `lookups += 1` are unordered and TSan reports a data race on
 * the counter (both sides show "mutexes: read M0"), while the value itself is race-free. As in
 * normal_mutex_bug.c, the readers take turns (an invisible barrier: in time, not for TSan), so the report never
 * rests on two accesses at the very same instant, and both stay until both are done, so that neither one's
 * trace is recycled before the report needs it.
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_rwlock_rdlock, pthread_rwlock_wrlock,
 * pthread_rwlock_unlock (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostReadLock,
 * MutexReadOrWriteUnlock, MutexPostLock (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14);
 * compiler-rt lib/tsan/rtl/tsan_rtl_report.cpp ReportRace (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_thread.cpp
 * ThreadContext OnFinished (LLVM 14). */
#include "../casebook.h"

enum { LOOKUPS_PER_READER = 1000 };

static struct {
  int value;
  int lookups;
  pthread_rwlock_t lock;
} store = {0, 0, PTHREAD_RWLOCK_INITIALIZER};

static invisible_barrier turns;

static void *set_value(void *unused) {
  (void)unused;
  pthread_rwlock_wrlock(&store.lock);
  store.value = 42;
  pthread_rwlock_unlock(&store.lock);
  return NULL;
}

static void *look_up(void *goes_second) {
  int total = 0;
  if (goes_second)
    invisible_barrier_wait(&turns); /* starts when the first reader is done */
  for (int i = 0; i < LOOKUPS_PER_READER; i++) {
    pthread_rwlock_rdlock(&store.lock);
    total += store.value;
    store.lookups += 1; // expect-tsan: data race -- the other reader counts under the same read lock
    pthread_rwlock_unlock(&store.lock);
  }
  if (!goes_second)
    invisible_barrier_wait(&turns); /* hands the turn over */
  invisible_barrier_wait(&turns);   /* neither exits before the other has counted */
  return (void *)(long)total;
}

int main(void) {
  pthread_t writer, readers[2];
  pthread_create(&writer, NULL, set_value, NULL);
  pthread_join(writer, NULL); /* readers start after it: a write lock between them would order them */
  invisible_barrier_init(&turns, 2);
  for (int i = 0; i < 2; i++)
    pthread_create(&readers[i], NULL, look_up, i == 1 ? &readers[1] : NULL); /* non-NULL: goes second */
  for (int i = 0; i < 2; i++)
    pthread_join(readers[i], NULL);
  say("Counted %d lookups.", store.lookups);
  return 0;
}
