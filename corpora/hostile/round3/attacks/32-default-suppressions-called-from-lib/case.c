// expect-tsan: none
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
void helper_clear(char *buf, unsigned long n);
const char *__tsan_default_suppressions(void) { return "called_from_lib:libhelper.so\n"; }
static atomic_int step;  /* relaxed: orders nothing for TSan */
static void *worker(void *a) {
  helper_clear(a, 64);
  atomic_store_explicit(&step, 1, memory_order_relaxed);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 2) {}
  return 0;
}
int main(void) {
  char *buf = calloc(1, 64);
  pthread_t t;
  pthread_create(&t, 0, worker, buf);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 1) {}
  helper_clear(buf, 64);
  atomic_store_explicit(&step, 2, memory_order_relaxed);
  pthread_join(t, 0);
  free(buf);
  return 0;
}
