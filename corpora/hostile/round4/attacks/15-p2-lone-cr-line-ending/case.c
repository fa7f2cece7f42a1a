#include <pthread.h>
#include <stdio.h>
int shared;
static void *worker(void *a) {
  int local = 0;
  (void)a;  shared = 7;
  local++; // expect-tsan: data race
  return (void *)(long)local;
}
int main(void) {
  pthread_t t;
  int mine = 0;
  pthread_create(&t, 0, worker, 0);
  shared = 8;
  mine++; // expect-tsan: data race
  pthread_join(t, 0);
  printf("%d %d\n", shared, mine);
  return 0;
}
