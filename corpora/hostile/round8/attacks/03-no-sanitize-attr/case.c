// expect-tsan: none
#include <pthread.h>
#include <stdio.h>
int g;
__attribute__((no_sanitize("thread"))) static void bump(void) { g++; }
void *w(void *a) { bump(); return 0; }
int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, w, 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  printf("%d\n", g);
  return 0;
}
