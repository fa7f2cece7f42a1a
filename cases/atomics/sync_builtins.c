/* The older GNU __sync builtins, still common in C code, are atomics too, and TSan understands them. Here they
 * make a small spinlock: __sync_lock_test_and_set takes it (an acquire barrier) and __sync_lock_release
 * frees it (a release barrier), so each holder's plain read-copy-write of `value` happens-before the next
 * holder's; a __sync_fetch_and_add (a full barrier) counts the turns. TSan reports nothing, and both end at 3.
 * Source: gcc 12 gcc/tsan.cc tsan_atomic_table, instrument_builtin_call; gcc 12 gcc/builtins.cc
 * expand_builtin_sync_lock_test_and_set, expand_builtin_sync_lock_release; compiler-rt
 * lib/tsan/rtl/tsan_interface_atomic.cpp AtomicExchange, AtomicStore, AtomicRMW (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Testing update. Ending value is 3.
// expect-output: 3 turns taken.

static struct {
  int value;
  int turns;
  _Alignas(8) int locked;
} store;

static void update(const char *name) {
  say("Thread %s: starting update", name);
  while (__sync_lock_test_and_set(&store.locked, 1))
    continue;
  int local_copy = store.value;
  local_copy += 1;
  store.value = local_copy;
  __sync_lock_release(&store.locked);
  __sync_fetch_and_add(&store.turns, 1);
  say("Thread %s: finishing update", name);
}

int main(void) {
  int status = run_lesson(update, &store.value);
  say("%d turns taken.", __sync_fetch_and_add(&store.turns, 0));
  return status;
}
