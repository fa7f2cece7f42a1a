// expect-tsan: none
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
void pool_add(int v);
int pool_total(void);
static atomic_int step;  /* relaxed: orders nothing for TSan */
static void *worker(void *a) {
  pool_add(1);
  atomic_store_explicit(&step, 1, memory_order_relaxed);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 2) {}
  return 0;
}
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 1) {}
  pool_add(2);
  atomic_store_explicit(&step, 2, memory_order_relaxed);
  pthread_join(t, 0);
  printf("%d\n", pool_total());
  return 0;
}
