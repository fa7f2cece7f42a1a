/* Two threads each count 1000 hits into one shared counter, and nobody takes the mutex that sits right next
 * to it. `hits += 1` reads the counter and writes it back, and nothing orders one thread's increments against
 * the other's (the threads share only their creation and join), so TSan reports a data race on `hits` at that
 * line. Counting at the same time, the threads could lose increments and end below 2000; here they take turns,
 * the second starting when the first has counted (an invisible barrier orders them in time, not for TSan), and
 * TSan reports the race all the same: it reports what nothing orders, not what went wrong in this run. The
 * turns also keep the report certain: TSan checks and updates its shadow with no lock or compare-and-swap (a
 * speed trade-off its authors chose), so two accesses at the very same instant can miss each other, and clang 13
 * missed this race in 2 of 50 runs when the threads counted at once. Both threads stay until both have counted (casebook.h's
 * stay-alive rule): TSan rebuilds the earlier access's stack from its thread's trace, the v3 runtime of LLVM 14
 * and later queues an exited thread's trace parts for reuse by busy threads, and a report whose stack is gone is
 * dropped (clang 16 lost one in about a hundred runs).
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_thread.cpp ThreadContext::OnFinished (LLVM 14). */
#include "../casebook.h"

enum { HITS_PER_THREAD = 1000 };

static struct {
  int hits;
  pthread_mutex_t lock;
} counter = {0, PTHREAD_MUTEX_INITIALIZER};

static invisible_barrier turns;

/* Not inlined, so the compiler cannot fold the loop below into one `hits += 1000`. */
static __attribute__((noinline)) void count_one_hit(void) {
  counter.hits += 1; // expect-tsan: data race -- the other thread reads and writes hits too
}

static void *count_hits(void *goes_second) {
  if (goes_second)
    invisible_barrier_wait(&turns); /* starts when the first thread has counted */
  for (int i = 0; i < HITS_PER_THREAD; i++)
    count_one_hit();
  if (!goes_second)
    invisible_barrier_wait(&turns); /* hands the turn over */
  invisible_barrier_wait(&turns);   /* neither exits before the other has counted */
  return NULL;
}

int main(void) {
  pthread_t threads[2];
  invisible_barrier_init(&turns, 2);
  for (int i = 0; i < 2; i++)
    pthread_create(&threads[i], NULL, count_hits, i == 1 ? &threads[1] : NULL); /* non-NULL: goes second */
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  say("Counted %d hits.", counter.hits);
  return 0;
}
