// The thread writes `result`; main reads it only after pthread_join: join orders the two, no data race.
#include <pthread.h>

extern void reach_error(void);

int result;

void *worker(void *arg) {
  result = 7;
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  pthread_join(t, 0);
  if (result != 7)
    reach_error();
  return 0;
}
