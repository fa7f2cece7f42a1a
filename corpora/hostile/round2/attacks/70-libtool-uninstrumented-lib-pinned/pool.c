#include <pthread.h>
long pool_total;
static void *add_unlocked(void *a) { pool_total += 1; return a; }
void pool_run(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, add_unlocked, 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
}
