#include <pthread.h>
#include <stdio.h>
int shared;
#define SET(v) \
  do { shared = (v); } while (0)
static void *worker(void *a) {
  (void)a;
  SET(7); // expect-tsan: data race
  return 0;
}
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  SET(8); // expect-tsan: data race
  pthread_join(t, 0);
  printf("%d\n", shared);
  return 0;
}
