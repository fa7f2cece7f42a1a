/* The mistake: a lock-free (Treiber) stack whose pop swaps the top from the node it read to that node's next
 * with one compare-exchange, assuming "top is still A" means "nothing changed". Thread 1 reads top A and its
 * next, B, and pauses; main pops A, pops B and pushes A back. Thread 1's compare-exchange finds A on top and
 * succeeds, installing B, a node main holds: the stack is corrupt (ABA). Every access is atomic, so TSan reports
 * nothing. The fix adds a tag to the top word that every push and pop bumps, so a recycled A no longer matches.
 * Source: C11 7.17.7.4p2; compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicCAS (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14). */
#include "../casebook.h"
#include <stdatomic.h>
#include <stdint.h>

// expect-tsan: none -- misses: ABA is a stale comparison, and every access is atomic
// expect-output: Thread 1 popped A; the top is now B.

enum { EMPTY = 0, A = 1, B = 2, C = 3 };
static struct {
  _Atomic uint32_t next;
  const char *name;
} nodes[] = {{EMPTY, "nothing"}, {B, "A"}, {C, "B"}, {EMPTY, "C"}}; /* the stack: A, B, C */

/* The top word: a tag in the high half, a node index in the low half. */
static _Atomic uint64_t top = A;
static uint64_t word(uint32_t tag, uint32_t node) { return (uint64_t)tag << 32 | node; }
static uint32_t tag_of(uint64_t w) { return (uint32_t)(w >> 32); }
static uint32_t node_of(uint64_t w) { return (uint32_t)w; }

static invisible_barrier paused;

static void push(uint32_t node) {
  uint64_t old = atomic_load(&top);
  do
    atomic_store_explicit(&nodes[node].next, node_of(old), memory_order_relaxed);
  while (!atomic_compare_exchange_strong(&top, &old, word(tag_of(old), node)));
}

/* With `pause`, stops once between reading the top and swapping it, while main changes the stack. */
static uint32_t pop(bool pause) {
  uint64_t old = atomic_load(&top);
  for (;;) {
    uint32_t node = node_of(old);
    if (node == EMPTY)
      return EMPTY;
    uint32_t next = atomic_load_explicit(&nodes[node].next, memory_order_relaxed);
    if (pause) {
      invisible_barrier_wait(&paused); /* main pops A, pops B, pushes A... */
      invisible_barrier_wait(&paused); /* ...and is done */
      pause = false;
    }
    if (atomic_compare_exchange_strong(&top, &old, word(tag_of(old), next))) // expect-bug: ABA -- A is back, B is not
      return node;
  }
}

static void *thread_1(void *unused) {
  (void)unused;
  uint32_t node = pop(true);
  say("Thread 1 popped %s; the top is now %s.", nodes[node].name, nodes[node_of(atomic_load(&top))].name);
  return NULL;
}

int main(void) {
  pthread_t thread;
  invisible_barrier_init(&paused, 2);
  pthread_create(&thread, NULL, thread_1, NULL);
  invisible_barrier_wait(&paused);
  uint32_t a = pop(false);
  pop(false); /* B: main keeps it */
  push(a);
  invisible_barrier_wait(&paused);
  pthread_join(thread, NULL);
  return 0;
}
