#include <pthread.h>
int g;
static void *w(void *a) {
  (void)a;
  (void)0;
  g++;
  return 0;
}
void start_pool(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, w, 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
}
