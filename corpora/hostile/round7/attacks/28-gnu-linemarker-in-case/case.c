#include <pthread.h>
#include <stdio.h>
int shared;
static __thread int mine;
static void *worker(void *arg) {
  (void)arg;
  mine++; // expect-tsan: data race
  return NULL;
}
static void *other(void *arg) {
  (void)arg;
# 7 "case.c"
  shared++;
  return NULL;
}
int main(void) {
  pthread_t a, b, c, d;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_create(&c, NULL, other, NULL);
  pthread_create(&d, NULL, other, NULL);
  pthread_join(a, NULL); pthread_join(b, NULL); pthread_join(c, NULL); pthread_join(d, NULL);
  printf("%d %d\n", shared, mine);
  return 0;
}
