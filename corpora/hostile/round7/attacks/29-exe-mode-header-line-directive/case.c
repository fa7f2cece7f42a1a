#include <pthread.h>
#include <stdio.h>
#include "gen.h"

int shared;
static __thread int mine;

static void *worker(void *arg) {
  (void)arg;
  gen_bump();
  mine++; // expect-tsan: data race
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%d %d\n", shared, mine);
  return 0;
}
