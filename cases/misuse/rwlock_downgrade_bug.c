/* A hand-made reader-writer lock, annotated with TSan's __tsan_mutex_* calls so TSan treats it like a mutex.
 * An update takes it for writing, adds one, then downgrades to a read lock to report the value. The
 * downgrade tells TSan only about the new read lock, not that the write lock is given up, so TSan sees a
 * thread take a read lock on a mutex it still holds for writing and reports a read lock of a write locked
 * mutex at the annotation in downgrade(). Annotations must describe every change of ownership.
 * Source: compiler-rt lib/tsan/rtl/tsan_interface_ann.cpp __tsan_mutex_pre_lock, __tsan_mutex_post_lock (LLVM 14);
 * compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostReadLock (LLVM 14). */
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

/* Turns this thread's write lock into a read lock, letting other readers in. */
static void downgrade(struct rwlock *lock) {
  __tsan_mutex_pre_lock(lock, __tsan_mutex_read_lock);
  atomic_store(&lock->state, 1);
  __tsan_mutex_post_lock(lock, __tsan_mutex_read_lock, 0); // expect-tsan: read lock of a write locked mutex
}

static void unlock(struct rwlock *lock) {
  unsigned flags = atomic_load(&lock->state) == WRITER ? 0 : __tsan_mutex_read_lock;
  __tsan_mutex_pre_unlock(lock, flags);
  if (flags == 0)
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
  downgrade(&store.lock);
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
