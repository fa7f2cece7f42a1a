#include <pthread.h>
#include <stdio.h>
void start_pool(void);
int quiet;
static void *idle(void *a) {
  return 0; // expect-tsan: data race
}
int main(void) {
  pthread_t t; pthread_create(&t, 0, idle, 0);
  pthread_join(t, 0);
  start_pool();
  return 0;
}
