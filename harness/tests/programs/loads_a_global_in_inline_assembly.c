/* A race whose reading side is an inline-assembly load: TSan's pass never sees assembly, so no hook is told of the
 * read, and the run is silent. The store side is instrumented. */
#include <pthread.h>
#include "invisible_barrier.h"

int counter;
int seen;

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
  int value;
  __asm__ volatile("movl %1, %0" : "=r"(value) : "m"(counter));
  seen = value;
  overlap_wait();
  pthread_join(thread, NULL);
  return seen == 1 ? 0 : 1;
}
