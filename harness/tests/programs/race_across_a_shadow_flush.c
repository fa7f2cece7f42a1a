/* A race whose two writes are 400 ms apart, marked none: a user's flush_memory_ms=10 (or memory_limit_mb=1) makes
 * TSan's background thread flush its shadow memory between them, and the race is forgotten. The harness pins both
 * to TSan's defaults, so the race is reported. */
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

int shared;
atomic_int done;

static void *worker(void *arg) {
  shared = 1;
  atomic_store_explicit(&done, 1, memory_order_relaxed);
  return arg;
}

// expect-tsan: none
int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  while (!atomic_load_explicit(&done, memory_order_relaxed))
    ;
  usleep(400000);
  shared = 2;
  pthread_join(thread, NULL);
  return 0;
}
