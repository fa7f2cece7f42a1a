#include <pthread.h>
#include "counter.h"
long hits;
static void *worker(void *a) { __atomic_fetch_add(&hits, 1, __ATOMIC_RELAXED); return a; }
void counter_run(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  hits = 0;
  pthread_join(t, 0);
}
