#include <pthread.h>
#include "counter.h"
static long total;
static void *bump(void *a) {
  (void)a;
  for (int i = 0; i < 1000; i++) total++;
  return 0;
}
long counter_run(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, bump, 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  return total;
}
