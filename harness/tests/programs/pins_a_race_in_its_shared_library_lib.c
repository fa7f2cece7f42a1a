/* The project's shared library of pins_a_race_in_its_shared_library.c: two threads add to `total` without a lock,
 * ordered only by TSan's invisible barrier, so both writes are seen racing. */
#include "invisible_barrier.h"

static int total;

static void *add_unlocked(void *arg) {
  (void)arg;
  total += 1;
  overlap_wait();
  return NULL;
}

int pool_sum(void) {
  pthread_t threads[2];
  overlap_init();
  for (int i = 0; i < 2; i++)
    pthread_create(&threads[i], NULL, add_unlocked, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  return total;
}
