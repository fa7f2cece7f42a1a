/* Two races, reported in an order chosen at random in each run: main writes `first` then `second`, or `second` then
 * `first`, after the worker wrote both (ordered by TSan's invisible barrier, so both are reported in every run).
 * Every run hits the same four markers; only the order of the two reports differs. The writers are not inlined, or
 * the compiler would merge both branches into one pair of stores. */
#include "invisible_barrier.h"

#include <sys/random.h>

int first, second;

static void *worker(void *arg) {
  (void)arg;
  first = 1; // expect-tsan: data race
  second = 1; // expect-tsan: data race
  overlap_wait();
  overlap_wait();
  return NULL;
}

__attribute__((noinline)) static void write_first(void) {
  first = 2; // expect-tsan: data race
}

__attribute__((noinline)) static void write_second(void) {
  second = 2; // expect-tsan: data race
}

int main(void) {
  unsigned char coin = 0;
  if (getrandom(&coin, 1, 0) != 1)
    return 1;
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  if (coin & 1) {
    write_first();
    write_second();
  } else {
    write_second();
    write_first();
  }
  overlap_wait();
  pthread_join(thread, NULL);
  return 0;
}
