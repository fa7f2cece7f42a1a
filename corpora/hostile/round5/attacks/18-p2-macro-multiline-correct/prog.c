#include <pthread.h>
#include <stdio.h>
#define BUMP(var, by) \
  do {                \
    (var) += (by);    \
  } while (0)
int g;
static void *w(void *a) {
  BUMP(g, // expect-tsan: data race
       1);
  return 0;
}
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  BUMP(g, 2); // expect-tsan: data race
  pthread_join(t, 0);
  printf("%d\n", g);
  return 0;
}
