/* The fix: the lookup counter is atomic, so readers can still share the read side while each bumps it with
 * one indivisible atomic_fetch_add (relaxed: a count needs no ordering). Atomic accesses never race with each
 * other, the value is read under the read side and written under the write side, and TSan reports nothing;
 * the count is always 2000. (Taking the write side for the count would work too, but would make readers wait
 * for each other.)
 * Source: compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicRMW (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14); compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp
 * pthread_rwlock_rdlock, pthread_rwlock_wrlock, pthread_rwlock_unlock (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostReadLock, MutexReadOrWriteUnlock, MutexPostLock (LLVM 14); C11 7.17.3p2;
 * C11 5.1.2.4p25. */
#include "../casebook.h"
#include <stdatomic.h>

// expect-tsan: none
// expect-output: Counted 2000 lookups.

enum { LOOKUPS_PER_READER = 1000 };

static struct {
  int value;
  atomic_int lookups;
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
    atomic_fetch_add_explicit(&store.lookups, 1, memory_order_relaxed);
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
  say("Counted %d lookups.", atomic_load(&store.lookups));
  return 0;
}
