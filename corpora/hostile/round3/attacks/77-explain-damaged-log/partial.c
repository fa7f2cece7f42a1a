#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
static atomic_int step;  /* relaxed: orders nothing for TSan */
int counter;
static void *worker(void *a) {
  counter++;
  atomic_store_explicit(&step, 1, memory_order_relaxed);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 2) {}
  return 0;
}
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 1) {}
  fprintf(stderr, "working... ");   /* a progress word, no newline yet */
  counter++;
  fprintf(stderr, "done\n");
  atomic_store_explicit(&step, 2, memory_order_relaxed);
  pthread_join(t, 0);
  return 0;
}
