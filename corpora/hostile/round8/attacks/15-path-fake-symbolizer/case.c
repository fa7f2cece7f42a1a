#include <pthread.h>
#include <stdio.h>
int g;
void *w(void *a) { g++;
  return 0; }
int other(void) { return g; } // expect-tsan: data race
int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, w, 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  return other() * 0;
}
