/* One file, two passes (an X-macro of the file itself): the first pass
   declares the workers, the second defines main. */
#ifndef SECOND_PASS
#include <pthread.h>
int counter;
void *worker(void *a) {
  counter++; // expect-tsan: data race
  return 0;
}
#define SECOND_PASS
#include "selfinc.c"
#else
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  counter++; // expect-tsan: data race
  pthread_join(t, 0);
  return 0;
}
#endif
