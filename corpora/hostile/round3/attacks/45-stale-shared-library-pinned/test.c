// expect-tsan: data race in pool_add -- issue 7: the unlocked total
#include <pthread.h>
void pool_add(int v);
static void *worker(void *a) { pool_add(1); return 0; }
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  pool_add(2);
  pthread_join(t, 0);
  return 0;
}
