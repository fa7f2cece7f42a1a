/* racy.c's race, with the marker on a line that does not race (the read after the join). */
#include <pthread.h>
#include "invisible_barrier.h"
#include <stdio.h>

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
  printf("counter=%d\n", counter); // expect-tsan: data race
  return 0;
}
