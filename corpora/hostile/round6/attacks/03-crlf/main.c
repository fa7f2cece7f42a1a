#include <pthread.h>
int counter;
int calm(int);
static void *worker(void *arg) {
  (void)arg;
  counter++; // expect-tsan: data race
  return (void *)(long)calm(1);
}
int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
