#include <pthread.h>
int shared;
static void *w(void *a) { shared = 1; return a; }
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  __atomic_store_n(&shared, 2, __ATOMIC_RELAXED);
  pthread_join(t, 0);
  return 0;
}
// expect-tsan: none
