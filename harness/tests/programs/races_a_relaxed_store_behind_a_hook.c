/* A relaxed atomic store that races main's plain write of the same word, ordered only by TSan's invisible barrier:
 * TSan reports the race in every run -- when it sees the atomic side. publish() first stores through `also`, so
 * the atomic store follows that store's TSan hook with no call in between. Built with -fno-sanitize-thread-atomics
 * the atomic store is a plain mov its code cannot tell from the hooked store before it (both follow the one hook);
 * only the compiler's record of its flags (DW_AT_producer, -grecord-gcc-switches) shows the slip. */
#include "invisible_barrier.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

atomic_int flag;
int other;

__attribute__((noinline)) void publish(atomic_int *target, int *also) {
  *also = 1;
  atomic_store_explicit(target, 1, memory_order_relaxed); // expect-tsan: data race
}

static void *worker(void *arg) {
  (void)arg;
  overlap_wait();
  publish(&flag, &other);
  overlap_wait();
  return NULL;
}

int main(void) {
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  *(int *)&flag = 2; // expect-tsan: data race
  overlap_wait();
  overlap_wait();
  pthread_join(thread, NULL);
  printf("other=%d\n", other);
  return 0;
}
