#include <pthread.h>
int counter;
void *worker(void *a) {
  counter++;
  return 0;
}
int unrelated(void) {
  return 1; // expect-tsan: data race
}
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  counter++;
  pthread_join(t, 0);
  return unrelated() - 1;
}
