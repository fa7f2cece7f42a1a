#include "config.h"
#include <pthread.h>
int counter;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static void bump(void) {
  if (USE_LOCKING) pthread_mutex_lock(&m);
  counter++; // expect-tsan: data race
  if (USE_LOCKING) pthread_mutex_unlock(&m);
}
void *worker(void *a) { bump(); return 0; }
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  bump();
  pthread_join(t, 0);
  return 0;
}
