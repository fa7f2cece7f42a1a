/* Races only in some runs: when SCORE_RACE is set in its environment, or when the SV-COMP stub's seed is 2 (the
 * second run of `tsan-verify score --repeat`). Otherwise the worker is joined before main writes. */
#include "invisible_barrier.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

int counter;
static int racing;

static void *worker(void *arg) {
  (void)arg;
  counter = 1;
  if (racing) {
    overlap_wait();
    overlap_wait();
  }
  return NULL;
}

int main(void) {
  const char *seed = getenv("SVCOMP_SEED");
  racing = getenv("SCORE_RACE") != NULL || (seed && strcmp(seed, "2") == 0);
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  if (racing) {
    overlap_wait();
    counter = 2;
    overlap_wait();
  }
  pthread_join(thread, NULL);
  counter = 3;
  return 0;
}
