#include <pthread.h>
int lib_total;
static void *bump(void *a) {
  (void)a;
  for (int i = 0; i < 100; i++)
    lib_total++;
  return 0;
}
void lib_run(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, bump, 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
}
