// expect-tsan: none
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
void util_add(int *p, int v);
static atomic_int step;  /* relaxed: orders nothing for TSan */
static void *worker(void *a) {
  util_add(a, 1);
  atomic_store_explicit(&step, 1, memory_order_relaxed);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 2) {}
  return 0;
}
int main(void) {
  int *total = calloc(1, sizeof *total);
  pthread_t t;
  pthread_create(&t, 0, worker, total);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 1) {}
  util_add(total, 2);
  atomic_store_explicit(&step, 2, memory_order_relaxed);
  pthread_join(t, 0);
  printf("%d\n", *total);
  free(total);
  return 0;
}
