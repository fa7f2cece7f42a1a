#include <pthread.h>
#include <stdio.h>
int g;
static void *w(void *a) {
#if 0
  // expect-tsan: data race
#endif
  g++;
  return 0;
}
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
#ifdef NEVER_DEFINED
  // expect-tsan: data race
#endif
  g++;
  pthread_join(t, 0);
  printf("%d\n", g);
  return 0;
}
