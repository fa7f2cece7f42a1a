#include <pthread.h>
#include <stdio.h>
int g, h;
static void *w(void *a) {
  h++; // expect-tsan: data race
#line 5
  g++;
  return 0;
}
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  h = 1; // expect-tsan: data race
#line 12
  g++;
  pthread_join(t, 0);
  printf("%d\n", g);
  return 0;
}
