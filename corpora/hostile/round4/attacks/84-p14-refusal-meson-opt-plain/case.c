#include <pthread.h>
#include <stdio.h>
int shared;
static void *worker(void *a) {
  (void)a;
  shared = 7; // expect-tsan: data race
  return 0;
}
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  shared = 8; // expect-tsan: data race
  pthread_join(t, 0);
  printf("%d\n", shared);
  return 0;
}
