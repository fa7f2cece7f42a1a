/* A home-made spinlock: spin_lock() swaps `locked` to true until it was false, spin_unlock() stores false, both
 * with memory_order_relaxed. The swap is atomic, so only one update is inside at a time, yet a relaxed store
 * releases nothing and a relaxed swap acquires nothing: no happens-before edge leads from one holder's writes
 * to the next holder's reads, so TSan reports a data race on `value` (the flag itself never races, it is
 * atomic). Acquire on the swap and release on the store fix it (see the twin).
 * Source: compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicRMW, AtomicStore (LLVM 14); C11 7.17.3p2;
 * C11 5.1.2.4p11; compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14). */
#include "../casebook.h"
#include <stdatomic.h>

static struct {
  int value;
  _Alignas(8) atomic_bool locked; /* in its own 8-byte shadow cell, apart from `value` */
} store;

static void spin_lock(void) {
  while (atomic_exchange_explicit(&store.locked, true, memory_order_relaxed))
    continue;
}

static void spin_unlock(void) { atomic_store_explicit(&store.locked, false, memory_order_relaxed); }

static void update(const char *name) {
  say("Thread %s: starting update", name);
  spin_lock();
  int local_copy = store.value;
  local_copy += 1;
  store.value = local_copy; // expect-tsan: data race -- the previous holder's unlock released nothing
  spin_unlock();
  say("Thread %s: finishing update", name); /* no pretend_to_work() under a spinlock: the other would spin */
  meet_other_update(); /* First and Second both stay until both have updated */
}

int main(void) { return run_lesson(update, &store.value); }
