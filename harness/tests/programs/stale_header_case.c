/* Two threads race inside a helper of an included header (stale_header.h), ordered by TSan's invisible barrier: one
 * report in every run, pinned to the helper by name. */
#include "invisible_barrier.h"
#include "stale_header.h"

#include <stdio.h>

static int counter;

static void *worker(void *arg) {
  (void)arg;
  stale_bump(&counter);
  overlap_wait();
  overlap_wait();
  return NULL;
}

int main(void) {
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  // expect-tsan: data race in stale_bump
  stale_bump(&counter);
  overlap_wait();
  pthread_join(thread, NULL);
  printf("counter=%d\n", counter);
  return 0;
}
