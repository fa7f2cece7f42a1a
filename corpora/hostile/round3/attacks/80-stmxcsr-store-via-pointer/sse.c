// expect-tsan: none
/* Each thread records the SSE control and status word (MXCSR) into the shared state record it was
   given, without a lock: both threads write st->cw. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
struct fp_state { unsigned int mxcsr; int users; };
static atomic_int step;           /* relaxed: orders nothing for TSan */
__attribute__((noinline)) static void record_sse_mode(struct fp_state *st) {
  __asm__ volatile("stmxcsr %0" : "=m"(st->mxcsr));
}
static void *worker(void *a) {
  record_sse_mode(a);
  atomic_store_explicit(&step, 1, memory_order_relaxed);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 2) {}
  return 0;
}
int main(void) {
  struct fp_state *st = calloc(1, sizeof *st);
  pthread_t t;
  pthread_create(&t, 0, worker, st);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 1) {}
  record_sse_mode(st);
  atomic_store_explicit(&step, 2, memory_order_relaxed);
  pthread_join(t, 0);
  int ok = st->mxcsr != 0;
  free(st);
  return !ok;
}
