// expect-tsan: none
#include <pthread.h>
#include <stdio.h>
int clamp(int v, int lo, int hi);
int mix(int a, int b);
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int total;
static void *worker(void *a) {
  int v = clamp(mix((int)(long)a, 7), 0, 1000);
  pthread_mutex_lock(&m);
  total += v;
  pthread_mutex_unlock(&m);
  return 0;
}
int main(void) {
  pthread_t t[2];
  for (long i = 0; i < 2; i++) pthread_create(&t[i], 0, worker, (void *)i);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  printf("%d\n", total);
  return 0;
}
