#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
int g;
static void *w(void *a) {
  g++; // expect-tsan: data race
  return 0;
}
static void *sleeper(void *a) { pause(); return 0; }
int main(void) {
  pthread_t t, s; pthread_create(&t, 0, w, 0);
  pthread_create(&s, 0, sleeper, 0); pthread_detach(s);
  g++; // expect-tsan: data race
  pthread_join(t, 0);
  printf("%d\n", g);
  return 0;
}
