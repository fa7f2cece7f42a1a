// expect-tsan: none
// tsan-hides: ignore-annotations -- the shutdown path is ignored on purpose
/* main begins an ignore for its shutdown and never ends it; after it, main and
   the still-running worker write the counter unordered. */
#include <pthread.h>
#include <stdatomic.h>
void __tsan_ignore_thread_begin(void);
static atomic_int step;  /* relaxed: orders nothing for TSan */
int counter;
static void *worker(void *a) {
  while (atomic_load_explicit(&step, memory_order_relaxed) != 1) {}
  counter = 1;
  atomic_store_explicit(&step, 2, memory_order_relaxed);
  return 0;
}
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  __tsan_ignore_thread_begin();
  counter = 2;
  atomic_store_explicit(&step, 1, memory_order_relaxed);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 2) {}
  pthread_detach(t);
  return 0;
}
