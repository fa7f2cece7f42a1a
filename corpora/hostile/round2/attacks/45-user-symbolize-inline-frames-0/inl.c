#include <pthread.h>
int counter;
static inline __attribute__((always_inline)) void bump(void) { counter++; }
static void *worker(void *a) { bump(); return a; }
int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, worker, 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  return 0;
}
// expect-tsan: data race in worker -- the race is in bump, inlined into worker: this pin is wrong
