/* Two workers each compute their part (phase 1) and then add up both parts (phase 2), with nothing between the
 * phases: a worker can read the other's part before it is written. Nothing orders one worker's write of its
 * part before the other's read of it, so TSan reports a data race between the phase-1 write and the other
 * worker's phase-2 read, whichever ran first. Both parts race the same way, through the same two lines, and
 * TSan prints a race only once per pair of stacks, so one report stands for both.
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_report.cpp HandleRacyStacks (LLVM 14); compiler-rt lib/tsan/rtl/tsan_flags.inc
 * suppress_equal_stacks (LLVM 14). */
#include "../casebook.h"

static struct {
  long part[2]; /* 8 bytes each, so each part has its own shadow cell */
  long total[2];
} work;

static invisible_barrier both_added; /* neither worker exits before the other has added up */

static void *worker(void *arg) {
  int me = (int)(long)arg, other = 1 - me;
  work.part[me] = (me + 1) * 10; // expect-tsan: data race -- the other worker reads this part in phase 2
  work.total[me] = work.part[me] + work.part[other];
  invisible_barrier_wait(&both_added);
  return NULL;
}

int main(void) {
  pthread_t threads[2];
  invisible_barrier_init(&both_added, 2);
  for (long i = 0; i < 2; i++)
    pthread_create(&threads[i], NULL, worker, (void *)i);
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  say("The workers' totals are %ld and %ld.", work.total[0], work.total[1]);
  return 0;
}
