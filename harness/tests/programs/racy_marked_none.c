/* racy.c's race, with a marker that claims there is none. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

int counter;
static atomic_int started;

static void *worker(void *arg) {
  (void)arg;
  counter = 1;
  atomic_store_explicit(&started, 1, memory_order_relaxed);
  return NULL;
}

// expect-tsan: none
int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  while (!atomic_load_explicit(&started, memory_order_relaxed))
    ;
  counter = 2;
  pthread_join(thread, NULL);
  printf("counter=%d\n", counter);
  return 0;
}
