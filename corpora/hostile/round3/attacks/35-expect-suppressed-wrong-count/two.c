// expect-tsan: none
// tsan-options: suppressions=known.supp
// expect-suppressed: race:stats_ 1 -- the statistics counter is allowed to race
/* Two statistics counters race in two functions (two reports); the rule is
   declared for one report. */
#include <pthread.h>
#include <stdatomic.h>
static atomic_int step;  /* relaxed: orders nothing for TSan */
int stats_calls, stats_bytes;
__attribute__((noinline)) void stats_count_call(void) { stats_calls++; }
__attribute__((noinline)) void stats_count_bytes(void) { stats_bytes += 4; }
static void *worker(void *a) {
  stats_count_call();
  stats_count_bytes();
  atomic_store_explicit(&step, 1, memory_order_relaxed);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 2) {}
  return 0;
}
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 1) {}
  stats_count_call();
  stats_count_bytes();
  atomic_store_explicit(&step, 2, memory_order_relaxed);
  pthread_join(t, 0);
  return 0;
}
