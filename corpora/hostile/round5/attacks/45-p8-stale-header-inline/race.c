#include <pthread.h>
#include <stdio.h>
#include "bump.h"
int g;
static void *w(void *a) { bump(&g); return 0; }
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  bump(&g);
  pthread_join(t, 0);
  printf("%d\n", g);
  return 0;
}
