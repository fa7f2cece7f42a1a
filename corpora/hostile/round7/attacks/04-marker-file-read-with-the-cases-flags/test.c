#include <pthread.h>
#include <stdio.h>
#include "counter.h"
static void *worker(void *arg) {
  (void)arg;
  counter_bump();
  return NULL;
}
// expect-tsan: data race at src/counter.c:11
int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%d\n", counter_get());
  return 0;
}
