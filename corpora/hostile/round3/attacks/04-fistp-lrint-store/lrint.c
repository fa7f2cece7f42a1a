// expect-tsan: none
/* A fast float-to-int conversion of the old school: x87 `fistpl` stores the
   rounded value straight into the output slot. Both threads convert into the
   same slot of a shared result array, with nothing ordering them. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
static atomic_int step;  /* relaxed: orders nothing for TSan */
__attribute__((noinline)) static void fast_lrint(double x, int *out) {
#ifdef PLAIN_C
  *out = (int)(x + 0.5);
#else
  __asm__ volatile("fldl %1\n\tfistpl %0" : "=m"(*out) : "m"(x));
#endif
}
static void *worker(void *a) {
  fast_lrint(2.6, a);
  atomic_store_explicit(&step, 1, memory_order_relaxed);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 2) {}
  return 0;
}
int main(void) {
  int *results = calloc(4, sizeof *results);
  pthread_t t;
  pthread_create(&t, 0, worker, results);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 1) {}
  fast_lrint(3.4, results);
  atomic_store_explicit(&step, 2, memory_order_relaxed);
  pthread_join(t, 0);
  printf("%d\n", results[0]);
  free(results);
  return 0;
}
