/* A mixed race: main adds to `counter` atomically, the worker writes it plainly; ordered only by TSan's invisible
 * barrier, so TSan reports the race in every run -- when it sees the atomic side. Built with
 * -fno-sanitize-thread-atomics (or -mllvm -tsan-instrument-atomics=0) main keeps a `lock xadd` TSan never sees. */
#include "invisible_barrier.h"
#include <pthread.h>
#include <stdio.h>

int counter;

static void *worker(void *arg) {
  (void)arg;
  counter = 1; // expect-tsan: data race
  overlap_wait();
  overlap_wait();
  return NULL;
}

int main(void) {
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  int before = __atomic_fetch_add(&counter, 2, __ATOMIC_RELAXED); // expect-tsan: data race
  overlap_wait();
  pthread_join(thread, NULL);
  printf("before=%d\n", before);
  return 0;
}
