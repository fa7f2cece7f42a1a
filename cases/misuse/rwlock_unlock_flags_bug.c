/* A hand-made reader-writer lock, annotated with TSan's __tsan_mutex_* calls so TSan treats it like a mutex.
 * Its unlock() was written when only readers used the lock, and it still announces every release as a read
 * unlock, also when a writer releases it. TSan sees a read unlock of a mutex that is held for writing and
 * reports it at the annotation in unlock(). The lock itself works (unlock() looks at the real state); only
 * what it tells TSan is wrong, and a wrong annotation can hide real races or invent false ones.
 * Source: compiler-rt lib/tsan/rtl/tsan_interface_ann.cpp __tsan_mutex_pre_unlock (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_mutex.cpp MutexReadUnlock (LLVM 14). */
#include "../casebook.h"
#include <sanitizer/tsan_interface.h>
#include <stdatomic.h>

// expect-output: Ending value is 3.

/* `state` is WRITER while a writer holds the lock, else the number of readers holding it. */
enum { WRITER = -1 };
struct rwlock {
  atomic_int state;
};

static void write_lock(struct rwlock *lock) {
  __tsan_mutex_pre_lock(lock, 0);
  int expected = 0;
  while (!atomic_compare_exchange_weak(&lock->state, &expected, WRITER))
    expected = 0;
  __tsan_mutex_post_lock(lock, 0, 0);
}

static void read_lock(struct rwlock *lock) {
  __tsan_mutex_pre_lock(lock, __tsan_mutex_read_lock);
  int readers = 0;
  while (readers == WRITER || !atomic_compare_exchange_weak(&lock->state, &readers, readers + 1))
    readers = atomic_load(&lock->state);
  __tsan_mutex_post_lock(lock, __tsan_mutex_read_lock, 0);
}

static void unlock(struct rwlock *lock) {
  unsigned flags = __tsan_mutex_read_lock;
  __tsan_mutex_pre_unlock(lock, flags); // expect-tsan: read unlock of a write locked mutex -- a writer is unlocking
  if (atomic_load(&lock->state) == WRITER)
    atomic_store(&lock->state, 0);
  else
    atomic_fetch_sub(&lock->state, 1);
  __tsan_mutex_post_unlock(lock, flags);
}

static struct {
  int value;
  struct rwlock lock;
} store;

static void *update(void *arg) {
  const char *name = arg;
  write_lock(&store.lock);
  store.value += 1;
  unlock(&store.lock);
  read_lock(&store.lock);
  say("Thread %s: the value is now %d", name, store.value);
  unlock(&store.lock);
  return NULL;
}

int main(void) {
  for (int i = 0; i < LESSON_UPDATES; i++) { /* one update after the other */
    pthread_t thread;
    pthread_create(&thread, NULL, update, (void *)lesson_names[i]);
    pthread_join(thread, NULL);
  }
  say("Ending value is %d.", store.value);
  return 0;
}

/* The mutex annotations teach TSan a lock it cannot see; the harness is told they are meant. */
// tsan-hides: sync-annotations -- the __tsan_mutex_* annotations describe the lock to TSan
