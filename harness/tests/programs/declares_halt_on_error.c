/* two_races.c with halt_on_error=1 declared by the case itself: TSan stops the program at the first report, so the
 * second marker pair can never be checked. */
// tsan-options: halt_on_error=1
#include <pthread.h>
#include "invisible_barrier.h"

_Alignas(64) int a; /* each in a cache line of its own: the compiler cannot merge the two writes into one */
_Alignas(64) int b;

static void *worker(void *arg) {
  (void)arg;
  a = 1; // expect-tsan: data race
  b = 1; // expect-tsan: data race
  overlap_wait();
  overlap_wait();
  return NULL;
}

int main(void) {
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  a = 2; // expect-tsan: data race
  b = 2; // expect-tsan: data race
  overlap_wait();
  pthread_join(thread, NULL);
  return 0;
}
