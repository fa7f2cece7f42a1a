#include <pthread.h>
#define FIXED 0 /* 1: locked */
int counter;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
void helper_bump(void) {
  if (FIXED) pthread_mutex_lock(&m);
  counter++;
  if (FIXED) pthread_mutex_unlock(&m);
}
static void *worker(void *a) { helper_bump(); return 0; }
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  helper_bump();
  pthread_join(t, 0);
  return 0;
}
