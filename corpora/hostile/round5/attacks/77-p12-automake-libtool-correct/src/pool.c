#include <pthread.h>
static int total;
static void *add_unlocked(void *a) {
  total += 1;
  return 0;
}
int pool_sum(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, add_unlocked, 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  return total;
}
