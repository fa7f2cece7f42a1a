// The producer fills `data`, then sets a plain int flag; the consumer polls the flag and reads `data`. Neither
// access to `ready` nor to `data` is ordered: data races (and, in C, undefined behaviour).
#include <pthread.h>
#include <sched.h>

int data;
int ready;

void *producer(void *arg) {
  data = 42;
  ready = 1;
  return arg;
}

void *consumer(void *arg) {
  for (int i = 0; i < 1000 && !ready; i++)
    sched_yield();
  int value = data;
  (void)value;
  return arg;
}

int main(void) {
  pthread_t p, c;
  pthread_create(&c, 0, consumer, 0);
  pthread_create(&p, 0, producer, 0);
  pthread_join(p, 0);
  pthread_join(c, 0);
  return 0;
}
