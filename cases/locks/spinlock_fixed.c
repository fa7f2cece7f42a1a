/* The fix: the same spinlock with the orders a lock needs. The swap that takes the lock is an acquire, the store
 * that frees it a release, so each unlock synchronizes with the swap that next takes the lock: one holder's
 * writes happen-before the next holder's reads, TSan reports nothing, and the ending value is always 3. (The
 * library's pthread_spin_lock does the same, and TSan models it as a mutex.)
 * Source: compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicRMW, AtomicStore (LLVM 14); C11 5.1.2.4p11;
 * compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_spin_lock, pthread_spin_unlock (LLVM 14);
 * glibc 2.36 nptl/pthread_spin_lock.c __pthread_spin_lock; glibc 2.36 nptl/pthread_spin_unlock.c __pthread_spin_unlock.
 * */
#include "../casebook.h"
#include <stdatomic.h>

// expect-tsan: none
// expect-output: Testing update. Ending value is 3.

static struct {
  int value;
  _Alignas(8) atomic_bool locked; /* in its own 8-byte shadow cell, apart from `value` */
} store;

static void spin_lock(void) {
  while (atomic_exchange_explicit(&store.locked, true, memory_order_acquire))
    continue;
}

static void spin_unlock(void) { atomic_store_explicit(&store.locked, false, memory_order_release); }

static void update(const char *name) {
  say("Thread %s: starting update", name);
  spin_lock();
  int local_copy = store.value;
  local_copy += 1;
  store.value = local_copy;
  spin_unlock();
  say("Thread %s: finishing update", name); /* no pretend_to_work() under a spinlock: the other would spin */
  meet_other_update(); /* First and Second both stay until both have updated */
}

int main(void) { return run_lesson(update, &store.value); }
