#include <pthread.h>
#include <stdio.h>
int total;
__attribute__((no_sanitize_thread, noinline)) void add(int v) { total += v; }
static void *worker(void *a) { add(1); return 0; }
// expect-tsan: none
int main(void) {
  pthread_t t; pthread_create(&t, 0, worker, 0);
  add(2);
  pthread_join(t, 0);
  printf("%d\n", total);
  return 0;
}
