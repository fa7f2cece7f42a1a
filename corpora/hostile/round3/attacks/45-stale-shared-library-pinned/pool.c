#include <pthread.h>
static int total;
#ifdef FIXED
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
#endif
void pool_add(int v) {
#ifdef FIXED
  pthread_mutex_lock(&m);
#endif
  total += v;
#ifdef FIXED
  pthread_mutex_unlock(&m);
#endif
}
