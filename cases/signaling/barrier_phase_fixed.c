/* The fix: a pthread_barrier_wait between the phases. No worker leaves the barrier until both have arrived, and
 * TSan models that: every arrival happens-before every departure, so each worker's phase-1 write of its part
 * is ordered before the other's phase-2 read. TSan reports nothing, and both totals are always 30.
 * Source: POSIX.1-2017 pthread_barrier_wait(); compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp
 * pthread_barrier_wait (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: The workers' totals are 30 and 30.

static pthread_barrier_t phase_done;

static struct {
  long part[2]; /* 8 bytes each, so each part has its own shadow cell */
  long total[2];
} work;

static invisible_barrier both_added; /* neither worker exits before the other has added up */

static void *worker(void *arg) {
  int me = (int)(long)arg, other = 1 - me;
  work.part[me] = (me + 1) * 10;
  pthread_barrier_wait(&phase_done);
  work.total[me] = work.part[me] + work.part[other];
  invisible_barrier_wait(&both_added);
  return NULL;
}

int main(void) {
  pthread_t threads[2];
  invisible_barrier_init(&both_added, 2);
  pthread_barrier_init(&phase_done, NULL, 2);
  for (long i = 0; i < 2; i++)
    pthread_create(&threads[i], NULL, worker, (void *)i);
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  pthread_barrier_destroy(&phase_done);
  say("The workers' totals are %ld and %ld.", work.total[0], work.total[1]);
  return 0;
}
