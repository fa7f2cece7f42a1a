/* read_total() is left out of TSan by no_sanitize("thread"), undeclared, and reads the shared tally through its
 * pointer argument while the worker writes it: a race TSan cannot see. clang still gives the function its entry and
 * exit (it calls printf), so only its load shows what the pass left out. p01_instrumented checks it with clang. */
#include "invisible_barrier.h"
#include <stdio.h>
#include <stdlib.h>

struct tally {
  int total;
};

__attribute__((no_sanitize("thread"), noinline)) static int read_total(const struct tally *tally) {
  int seen = tally->total;
  printf("total %d\n", seen);
  return seen;
}

static void *worker(void *arg) {
  ((struct tally *)arg)->total = 3;
  overlap_wait();
  overlap_wait();
  return NULL;
}

// expect-tsan: none
int main(void) {
  struct tally *tally = calloc(1, sizeof *tally);
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, tally);
  overlap_wait();
  int seen = read_total(tally);
  overlap_wait();
  pthread_join(thread, NULL);
  free(tally);
  return seen == 3 ? 0 : 1;
}
