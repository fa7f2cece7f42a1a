/* racy.c's race after closing its own stdout: TSan writes to stderr, so the run is still fully watched. */
#include <pthread.h>
#include "invisible_barrier.h"
#include <unistd.h>

int counter;

static void *worker(void *arg) {
  (void)arg;
  counter = 1; // expect-tsan: data race
  overlap_wait();
  overlap_wait();
  return NULL;
}

int main(void) {
  close(STDOUT_FILENO);
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  counter = 2; // expect-tsan: data race
  overlap_wait();
  pthread_join(thread, NULL);
  return 0;
}
