// expect-tsan: none
/* peek() is left out of TSan with gcc's no_sanitize_thread and reads the shared
   box through the pointer it is given, while the worker writes the box: a race
   TSan cannot see. The case does not declare it (no tsan-hides line). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
struct box { int value; };
static atomic_int step;  /* relaxed: orders nothing for TSan */
__attribute__((no_sanitize_thread, noinline)) int peek(const struct box *b) {
  int v = b->value;
  printf("seen %d\n", v);
  return v;
}
static void *worker(void *a) {
  ((struct box *)a)->value = 42;
  atomic_store_explicit(&step, 1, memory_order_relaxed);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 2) {}
  return 0;
}
int main(void) {
  struct box *b = calloc(1, sizeof *b);
  pthread_t t;
  pthread_create(&t, 0, worker, b);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 1) {}
  int v = peek(b);
  atomic_store_explicit(&step, 2, memory_order_relaxed);
  pthread_join(t, 0);
  free(b);
  return v != 42;
}
