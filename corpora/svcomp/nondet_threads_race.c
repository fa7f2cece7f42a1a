// The same threads, but the last one reads `total` without taking the mutex: a data race.
#include <pthread.h>

extern int __VERIFIER_nondet_int(void);
extern void __VERIFIER_assume(int);

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
int total;
int seen;

void *worker(void *arg) {
  pthread_mutex_lock(&lock);
  total += 1;
  pthread_mutex_unlock(&lock);
  return arg;
}

void *reader(void *arg) {
  seen = total;
  return arg;
}

int main(void) {
  int extra = __VERIFIER_nondet_int();
  __VERIFIER_assume(extra >= 0 && extra <= 3);
  int n = 2 + extra;
  pthread_t threads[5], last;
  for (int i = 0; i < n; i++)
    pthread_create(&threads[i], 0, worker, 0);
  pthread_create(&last, 0, reader, 0);
  for (int i = 0; i < n; i++)
    pthread_join(threads[i], 0);
  pthread_join(last, 0);
  return 0;
}
