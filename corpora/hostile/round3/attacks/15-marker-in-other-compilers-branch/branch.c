#include <pthread.h>
int counter;
void *worker(void *a) {
#if defined(__clang__)
  counter++; // expect-tsan: data race
#else
  __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED);
#endif
  return 0;
}
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  counter++; // expect-tsan: data race
  pthread_join(t, 0);
  return 0;
}
