#include <pthread.h>
int counter;
#include "ren.h"
void *worker(void *a) {
  bump();
  return 0;
}
int main(void) {
  int x = 0; // expect-tsan: data race
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  bump();
  pthread_join(t, 0);
  return x;
}
