#include <pthread.h>
#include <stdio.h>
int shared;
#include <hooks.h>
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
