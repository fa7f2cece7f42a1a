#include <pthread.h>
#include <stdio.h>
int counter;
void *worker(void *a) {
  counter++; // expect-tsan: data race
  return 0;
}
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  counter++; // expect-tsan: data race
  pthread_join(t, 0);
  printf("%d\n", counter);
  return 0;
}
