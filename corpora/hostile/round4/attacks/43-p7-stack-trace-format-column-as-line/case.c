#include <pthread.h>
#include <stdio.h>
int g;
int other;
int touch(void) { return other++; } // expect-tsan: data race
static void *w(void *a) { (void)a;
  g = 1;
  return 0; }
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  g = 2;
  pthread_join(t, 0);
  return touch() + g - 3; }
