#include <pthread.h>
#include <stdio.h>
int shared;
#ifndef NDEBUG
#include "hooks.h"
#else
static void hook(void) { __atomic_fetch_add(&shared, 1, __ATOMIC_RELAXED); }
#endif
static __thread int mine;
static void *worker(void *arg) {
  (void)arg;
  hook();
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
