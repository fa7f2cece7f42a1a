#include <pthread.h>
#include <stdio.h>
int g;
static void *w(void *a) { for (int i = 0; i < 100000; i++) g++; return 0; }
int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, w, 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  printf("helper: %d\n", g);
  return 0;
}
