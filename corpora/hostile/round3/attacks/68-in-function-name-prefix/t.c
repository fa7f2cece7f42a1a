// expect-tsan: data race in add
#include <pthread.h>
void add_unlocked(int v);
void add(int v);
static void *worker(void *a) { add_unlocked(1); add(1); return 0; }
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  add_unlocked(2);
  add(2);
  pthread_join(t, 0);
  return 0;
}
