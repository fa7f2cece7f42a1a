/* SV-COMP style: as many workers as a nondeterministic value says, each incrementing a shared counter without a
 * lock. One worker races with nobody (main reads the counter only after joining them all); two or more race. */
#include <pthread.h>
#include <stdio.h>

extern int __VERIFIER_nondet_int(void);
extern void __VERIFIER_assume(int condition);

int counter;

static void *worker(void *arg) {
  (void)arg;
  counter++;
  return NULL;
}

int main(void) {
  int workers = __VERIFIER_nondet_int();
  __VERIFIER_assume(workers >= 1 && workers <= 16);
  pthread_t threads[16];
  for (int i = 0; i < workers; i++)
    pthread_create(&threads[i], NULL, worker, NULL);
  for (int i = 0; i < workers; i++)
    pthread_join(threads[i], NULL);
  printf("%d workers, counter %d\n", workers, counter);
  return 0;
}
