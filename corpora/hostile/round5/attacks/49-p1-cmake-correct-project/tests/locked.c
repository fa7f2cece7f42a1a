#include <pthread.h>
#include <stdio.h>
#include "counter.h"
// expect-tsan: none
static void *w(void *a) { counter_bump_locked(); return 0; }
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  counter_bump_locked();
  pthread_join(t, 0);
  printf("%d\n", counter_get());
  return 0;
}
