/* racy.c's race, with a marker that claims there is none. */
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

// expect-tsan: none
int main(void) {
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  counter = 2;
  overlap_wait();
  pthread_join(thread, NULL);
  printf("counter=%d\n", counter);
  return 0;
}
