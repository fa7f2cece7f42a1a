/* No data race: the worker touches nothing shared but an atomic flag. Main never joins it, so TSan reports a thread
 * leak at exit, which is a mistake, but not the one the no-data-race property is about. */
#include <pthread.h>
#include <stdatomic.h>

static atomic_int done;

static void *worker(void *arg) {
  (void)arg;
  atomic_store(&done, 1);
  return NULL;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  while (!atomic_load(&done))
    ;
  return 0;
}
