// expect-tsan: none
#include "counter.h"
int counter;
pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static void *worker(void *a) { counter_bump(); return 0; }
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  counter_bump();
  pthread_join(t, 0);
  return 0;
}
