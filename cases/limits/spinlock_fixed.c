/* The same fence-based spinlock, taught to TSan with the mutex annotations: __tsan_mutex_create() when the
 * lock is set up, pre_lock/post_lock around taking it, pre_unlock/post_unlock around releasing it. TSan
 * then treats it like a pthread mutex: each unlock happens-before the next lock, so it reports nothing,
 * and it can check the lock for misuse and lock-order inversions as well. (__tsan_acquire() after taking it
 * and __tsan_release() before clearing it would also fix the false positive, but only that.)
 * Source: compiler-rt lib/tsan/rtl/tsan_interface_ann.cpp __tsan_mutex_create, __tsan_mutex_pre_lock,
 * __tsan_mutex_post_unlock (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14).
 * */
#include "../casebook.h"
#include <sanitizer/tsan_interface.h>
#include <stdatomic.h>

// expect-tsan: none
// expect-output: Testing update. Ending value is 3.

struct spinlock {
  atomic_bool held;
};

static void spin_init(struct spinlock *lock) {
  atomic_init(&lock->held, false);
  __tsan_mutex_create(lock, 0);
}

static void spin_lock(struct spinlock *lock) {
  __tsan_mutex_pre_lock(lock, 0);
  while (atomic_exchange_explicit(&lock->held, true, memory_order_relaxed))
    ; /* spin until the holder clears the flag */
  atomic_thread_fence(memory_order_acquire);
  __tsan_mutex_post_lock(lock, 0, 0);
}

static void spin_unlock(struct spinlock *lock) {
  __tsan_mutex_pre_unlock(lock, 0);
  atomic_thread_fence(memory_order_release);
  atomic_store_explicit(&lock->held, false, memory_order_relaxed);
  __tsan_mutex_post_unlock(lock, 0);
}

static struct {
  int value;
  struct spinlock lock;
} store;

static void update(const char *name) {
  say("Thread %s: starting update", name);
  spin_lock(&store.lock);
  int local_copy = store.value;
  local_copy += 1;
  store.value = local_copy;
  spin_unlock(&store.lock);
  say("Thread %s: finishing update", name);
  meet_other_update(); /* First and Second both stay until both have updated */
}

int main(void) {
  spin_init(&store.lock);
  return run_lesson(update, &store.value);
}

/* The mutex annotations teach TSan a lock it cannot see; the harness is told they are meant. */
// tsan-hides: sync-annotations -- the __tsan_mutex_* annotations describe the lock to TSan
