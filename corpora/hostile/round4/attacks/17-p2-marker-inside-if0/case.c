#include <pthread.h>
#include <stdio.h>
int shared;
static void *worker(void *a) {
  (void)a;
#if 0
  // expect-tsan: data race
#endif
  shared = 7;
  return 0;
}
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
#if 0
  // expect-tsan: data race
#endif
  shared = 8;
  pthread_join(t, 0);
  printf("%d\n", shared);
  return 0;
}
