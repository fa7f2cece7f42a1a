/* Builds only with -DSCORE_FLAG (as an OpenMP program needs -fopenmp), then races. */
#ifndef SCORE_FLAG
#error "build with -DSCORE_FLAG"
#endif
#include "invisible_barrier.h"
#include <pthread.h>

int counter;

static void *worker(void *arg) {
  (void)arg;
  counter = 1;
  overlap_wait();
  overlap_wait();
  return NULL;
}

int main(void) {
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  counter = 2;
  overlap_wait();
  pthread_join(thread, NULL);
  return 0;
}
