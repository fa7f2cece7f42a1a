/* Two threads each count 1000 hits into one shared counter, and nobody takes the mutex that sits right next
 * to it. `hits += 1` reads the counter and writes it back, and nothing orders one thread's increments against
 * the other's (the threads share only their creation and join), so TSan reports a data race on `hits` at that
 * line, and increments can be lost: the total may end below 2000. Two invisible barriers (they order the threads
 * in time, not for TSan) keep the report certain. The first thread counts one hit before the other starts:
 * TSan updates its shadow words without atomic instructions, a trade-off for speed its authors chose, so two
 * accesses made at the very same instant can both go unseen, and clang 13 missed this race in 2 of 50 runs on
 * a loaded machine; an access already recorded is always found. And both threads stay until both have counted:
 * TSan rebuilds the earlier access's stack from its thread's trace, LLVM 15's runtime hands an exited thread's
 * trace to a recycle queue that busy threads draw from, and a report whose stack is gone is dropped (clang 16
 * lost one in about a hundred runs). */
#include "../casebook.h"

enum { HITS_PER_THREAD = 1000 };

static struct {
  int hits;
  pthread_mutex_t lock;
} counter = {0, PTHREAD_MUTEX_INITIALIZER};

static invisible_barrier both_counting;

/* Not inlined, so the compiler cannot fold the loop below into one `hits += 1000`. */
static __attribute__((noinline)) void count_one_hit(void) {
  counter.hits += 1; // expect-tsan: data race -- the other thread reads and writes hits too
}

static void *count_hits(void *goes_first) {
  if (goes_first)
    count_one_hit();                      /* one hit before the other thread starts */
  invisible_barrier_wait(&both_counting); /* then both count at once */
  for (int i = goes_first ? 1 : 0; i < HITS_PER_THREAD; i++)
    count_one_hit();
  invisible_barrier_wait(&both_counting); /* neither exits before the other has counted */
  return NULL;
}

int main(void) {
  pthread_t threads[2];
  invisible_barrier_init(&both_counting, 2);
  for (int i = 0; i < 2; i++)
    pthread_create(&threads[i], NULL, count_hits, i == 0 ? &threads[0] : NULL); /* any non-NULL: goes first */
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  say("Counted %d hits.", counter.hits);
  return 0;
}
