#include <pthread.h>
#include <stdio.h>
int g;
static void *w(void *a) {
  g++; // bump the counter ??/
  // expect-tsan: none
  return 0;
}
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  g++;
  pthread_join(t, 0);
  printf("%d\n", g);
  return 0;
}
