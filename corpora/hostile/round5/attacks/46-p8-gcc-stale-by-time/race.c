#include <pthread.h>
#include <stdio.h>
int g, h;
static void *w(void *a) {
  g++; // expect-tsan: data race
  return 0;
}
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  g++; // expect-tsan: data race
  pthread_join(t, 0);
  printf("%d\n", g);
  return 0;
}
