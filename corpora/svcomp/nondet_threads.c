// A nondeterministic number of threads (2 to 5) each add to `total` under one mutex; main reads it after joining
// all of them: no data race.
#include <pthread.h>

extern int __VERIFIER_nondet_int(void);
extern void __VERIFIER_assume(int);

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
int total;

void *worker(void *arg) {
  pthread_mutex_lock(&lock);
  total += 1;
  pthread_mutex_unlock(&lock);
  return arg;
}

int main(void) {
  int extra = __VERIFIER_nondet_int();
  __VERIFIER_assume(extra >= 0 && extra <= 3);
  int n = 2 + extra;
  pthread_t threads[5];
  for (int i = 0; i < n; i++)
    pthread_create(&threads[i], 0, worker, 0);
  for (int i = 0; i < n; i++)
    pthread_join(threads[i], 0);
  return total == n ? 0 : 1;
}
