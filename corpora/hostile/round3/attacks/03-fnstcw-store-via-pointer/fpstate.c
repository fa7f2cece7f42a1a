// expect-tsan: none
/* Each thread records the FPU control word into the shared state record it was
   given, without a lock: both threads write st->cw. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
struct fp_state { unsigned short cw; int users; };
static atomic_int step;           /* relaxed: orders nothing for TSan */
__attribute__((noinline)) static void record_fpu_mode(struct fp_state *st) {
  __asm__ volatile("fnstcw %0" : "=m"(st->cw));
}
static void *worker(void *a) {
  record_fpu_mode(a);
  atomic_store_explicit(&step, 1, memory_order_relaxed);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 2) {}
  return 0;
}
int main(void) {
  struct fp_state *st = calloc(1, sizeof *st);
  pthread_t t;
  pthread_create(&t, 0, worker, st);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 1) {}
  record_fpu_mode(st);
  atomic_store_explicit(&step, 2, memory_order_relaxed);
  pthread_join(t, 0);
  int ok = st->cw != 0;
  free(st);
  return !ok;
}
