/* Links only with a second source that defines part() (as DataRaceBench's PolyBench programs need its
 * utilities/polybench.c), then races. */
#include "invisible_barrier.h"
#include <pthread.h>

int part(void);
int counter;

static void *worker(void *arg) {
  (void)arg;
  counter = part();
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
