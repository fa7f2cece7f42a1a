/* Two threads write the same buffer only through memset, called through a volatile pointer so that it stays a call
 * to TSan's interceptor: the race is seen in the interceptor's accesses, which TSan ignores under
 * ignore_interceptors_accesses=1 (tsan_interceptors.h, ScopedInterceptor: ThreadIgnoreBegin). So whether it is
 * reported tells which options the run had. */
#include "invisible_barrier.h"
#include <pthread.h>
#include <string.h>

static char buffer[64];
static void *(*volatile fill)(void *, int, size_t) = memset;

static void *worker(void *arg) {
  (void)arg;
  fill(buffer, 1, sizeof buffer);
  overlap_wait();
  overlap_wait();
  return NULL;
}

int main(void) {
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  fill(buffer, 2, sizeof buffer);
  overlap_wait();
  pthread_join(thread, NULL);
  return 0;
}
