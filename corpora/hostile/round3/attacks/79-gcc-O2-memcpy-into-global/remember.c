// expect-tsan: none
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
static atomic_int step;  /* relaxed: orders nothing for TSan */
char last_name[32];
static size_t len = 18;
static _Atomic int remember_calls;
__attribute__((noinline)) void remember(const char *src) {
  atomic_fetch_add_explicit(&remember_calls, 1, memory_order_relaxed);
  memcpy(last_name, src, len);
}
static void *worker(void *a) {
  remember("worker-writes-here");
  atomic_store_explicit(&step, 1, memory_order_relaxed);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 2) {}
  return 0;
}
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 1) {}
  remember("main-writes-here!!");
  atomic_store_explicit(&step, 2, memory_order_relaxed);
  pthread_join(t, 0);
  printf("%.18s\n", last_name);
  return 0;
}
