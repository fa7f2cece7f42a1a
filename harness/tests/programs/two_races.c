/* Two data races, on `a` and on `b`: two reports, each hitting two markers. With halt_on_error=1 TSan stops the
 * program at the first one, so the second marker pair can never be checked. */
#include <pthread.h>
#include <stdatomic.h>

int a, b;
static atomic_int started;

static void *worker(void *arg) {
  (void)arg;
  a = 1; // expect-tsan: data race
  b = 1; // expect-tsan: data race
  atomic_store_explicit(&started, 1, memory_order_relaxed);
  return NULL;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  while (!atomic_load_explicit(&started, memory_order_relaxed))
    ;
  a = 2; // expect-tsan: data race
  b = 2; // expect-tsan: data race
  pthread_join(thread, NULL);
  return 0;
}
