/* A counter needs only atomicity, so atomic_fetch_add counts right with every memory order: each update adds
 * one to five counters, one per order, and First and Second add at the same moment. The order decides only what
 * else the operation orders. Relaxed orders nothing; a release add makes a happens-before edge only to an
 * acquire (or stronger) read of its value, and an acquire add only from a release (or stronger) write it reads,
 * so on their own counters here neither makes one; acq_rel and seq_cst adds on one counter pair with each other.
 * No access is plain, so TSan reports nothing, and every counter ends at 3.
 * Source: C11 7.17.3p2; C11 5.1.2.4p11; compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicRMW (LLVM 14). */
#include "../casebook.h"
#include <stdatomic.h>

// expect-tsan: none
// expect-output: relaxed counted 3
// expect-output: acquire counted 3
// expect-output: release counted 3
// expect-output: acq_rel counted 3
// expect-output: seq_cst counted 3

static struct {
  _Atomic int relaxed, acquire, release, acq_rel, seq_cst;
} counts;

static void update(const char *name) {
  say("Thread %s: starting update", name);
  meet_other_update(); /* First and Second add at the same moment */
  atomic_fetch_add_explicit(&counts.relaxed, 1, memory_order_relaxed);
  atomic_fetch_add_explicit(&counts.acquire, 1, memory_order_acquire);
  atomic_fetch_add_explicit(&counts.release, 1, memory_order_release);
  atomic_fetch_add_explicit(&counts.acq_rel, 1, memory_order_acq_rel);
  atomic_fetch_add(&counts.seq_cst, 1); /* without _explicit: memory_order_seq_cst */
  say("Thread %s: finishing update", name);
}

int main(void) {
  int status = run_lesson_atomic(update, &counts.seq_cst);
  say("relaxed counted %d", atomic_load(&counts.relaxed));
  say("acquire counted %d", atomic_load(&counts.acquire));
  say("release counted %d", atomic_load(&counts.release));
  say("acq_rel counted %d", atomic_load(&counts.acq_rel));
  say("seq_cst counted %d", atomic_load(&counts.seq_cst));
  return status;
}
