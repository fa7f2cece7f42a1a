// expect-tsan: none
/* store() writes *p; both threads call it on one heap int, unordered. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
static atomic_int step;  /* relaxed: orders nothing for TSan */
__attribute__((noinline)) void store(int *p, int v) { *p = v; }
static void *worker(void *a) {
  store(a, 1);
  atomic_store_explicit(&step, 1, memory_order_relaxed);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 2) {}
  return 0;
}
int main(void) {
  int *c = calloc(1, sizeof *c);
  pthread_t t;
  pthread_create(&t, 0, worker, c);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 1) {}
  store(c, 2);
  atomic_store_explicit(&step, 2, memory_order_relaxed);
  pthread_join(t, 0);
  free(c);
  return 0;
}
