/* The fix: the check and the take become one atomic step, a compare-and-swap that lowers the stock only if
 * it still holds the count the update saw. When First and Second race for the last item, one swap succeeds
 * and the other sees the new count, 0, and gives up. The stock ends at 0, and TSan reports nothing.
 * Source: C11 7.17.7.4p2; compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicCAS (LLVM 14). */
#include "../casebook.h"
#include <stdatomic.h>

// expect-tsan: none
// expect-output: Testing update. Ending value is 0.

static struct {
  atomic_int value; /* items in stock */
} store = {1};

static void update(const char *name) {
  say("Thread %s: starting update", name);
  int seen = atomic_load(&store.value);
  meet_other_update(); /* both have looked before either takes */
  while (seen > 0 && !atomic_compare_exchange_weak(&store.value, &seen, seen - 1))
    ; /* a failed swap reloads `seen` */
  if (seen > 0) {
    say("Thread %s took an item", name);
  }
  say("Thread %s: finishing update", name);
}

/* run_lesson_atomic() reads the value with atomic_load(), before the workers start and after they are joined. */
int main(void) { return run_lesson_atomic(update, &store.value); }
