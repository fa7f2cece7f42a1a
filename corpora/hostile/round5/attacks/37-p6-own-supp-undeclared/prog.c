#include <pthread.h>
#include <stdio.h>
// tsan-options: suppressions=known.supp
int g, stats;
static void *w(void *a) {
  stats++;
  g++;
  return 0;
}
// expect-tsan: none
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  stats++;
  g++;
  pthread_join(t, 0);
  printf("%d\n", g);
  return 0;
}
