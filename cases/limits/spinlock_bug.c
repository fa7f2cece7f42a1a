/* A hand-made spinlock: it takes the flag with a relaxed exchange followed by an acquire fence, and clears it
 * after a release fence. By C11's fence rules each unlock synchronizes with the next lock, so the lock is
 * correct and the ending value is always 3. TSan, though, does not model standalone fences and treats the
 * relaxed operations as ordering nothing, so to TSan nothing guards `value`: it reports a data race, a false
 * positive. (With relaxed operations and no fences the report would be true: such a lock is broken.)
 * Source: C11 7.17.4p2; compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicFence (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_interface_atomic.cpp AtomicExchange, AtomicStore (LLVM 14). */
#include "../casebook.h"
#include <stdatomic.h>

// expect-output: Testing update. Ending value is 3.
// expect-bug: none -- the program is correct: the report below is the false positive

struct spinlock {
  atomic_bool held;
};

static void spin_lock(struct spinlock *lock) {
  while (atomic_exchange_explicit(&lock->held, true, memory_order_relaxed))
    ; /* spin until the holder clears the flag */
  atomic_thread_fence(memory_order_acquire);
}

static void spin_unlock(struct spinlock *lock) {
  atomic_thread_fence(memory_order_release);
  atomic_store_explicit(&lock->held, false, memory_order_relaxed);
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
  store.value = local_copy; // expect-tsan: data race -- false positive: the fences TSan ignores order this
  spin_unlock(&store.lock);
  say("Thread %s: finishing update", name);
  meet_other_update(); /* First and Second both stay until both have updated */
}

int main(void) { return run_lesson(update, &store.value); }
