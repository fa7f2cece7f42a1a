#include <pthread.h>
#include <stdio.h>
int counter;
static __thread int mine;
static void *worker(void *arg) {
  (void)arg;
  mine++; // per-thread count ??/
  counter++; // expect-tsan: data race
  return NULL;
}
int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%d %d\n", counter, mine);
  return 0;
}
