/* racy.c's race after closing its own stdout: TSan writes to stderr, so the run is still fully watched. */
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

int counter;
static atomic_int started;

static void *worker(void *arg) {
  (void)arg;
  counter = 1; // expect-tsan: data race
  atomic_store_explicit(&started, 1, memory_order_relaxed);
  return NULL;
}

int main(void) {
  close(STDOUT_FILENO);
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  while (!atomic_load_explicit(&started, memory_order_relaxed))
    ;
  counter = 2; // expect-tsan: data race
  pthread_join(thread, NULL);
  return 0;
}
