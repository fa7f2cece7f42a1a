/* The fix: an update that writes takes the lock in write mode. A writer holds the lock alone, and TSan orders
 * every unlock before the next write lock (of any mode's holders), so the three read-copy-writes form a chain:
 * TSan reports nothing, and the ending value is always 3. Read mode stays right for code that only reads.
 * Source: POSIX.1-2017 pthread_rwlock_wrlock(); compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp
 * pthread_rwlock_rdlock, pthread_rwlock_wrlock, pthread_rwlock_unlock (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostReadLock, MutexReadOrWriteUnlock, MutexPostLock (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Testing update. Ending value is 3.

static struct {
  int value;
  pthread_rwlock_t lock;
} store = {0, PTHREAD_RWLOCK_INITIALIZER};

static void update(const char *name) {
  say("Thread %s: starting update", name);
  pthread_rwlock_wrlock(&store.lock);
  say("Thread %s has lock", name);
  int local_copy = store.value;
  local_copy += 1;
  pretend_to_work();
  store.value = local_copy;
  say("Thread %s about to release lock", name);
  pthread_rwlock_unlock(&store.lock);
  say("Thread %s: finishing update", name);
}

int main(void) { return run_lesson(update, &store.value); }
