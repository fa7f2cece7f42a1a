#include <pthread.h>
#include <stdio.h>

int counter;

static void *worker(void *arg) {
  (void)arg;
  counter++; // expect-tsan: data race
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%d\n", counter);
  return 0;
}
