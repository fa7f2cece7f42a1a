/* A race between a memset of a global struct in main and a plain write in the worker, ordered only by TSan's
 * invisible barrier. Built with -mllvm -tsan-instrument-memintrinsics=0 at -O1, clang expands the memset inline
 * (movups) after TSan's pass, and TSan never sees main's side. */
#include "invisible_barrier.h"
#include <pthread.h>
#include <string.h>

struct pair {
  long first, second;
} shared;

static void *worker(void *arg) {
  (void)arg;
  shared.first = 1; // expect-tsan: data race
  overlap_wait();
  overlap_wait();
  return NULL;
}

int main(void) {
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  memset(&shared, 0, sizeof shared); // expect-tsan: data race
  overlap_wait();
  pthread_join(thread, NULL);
  return (int)shared.second;
}
