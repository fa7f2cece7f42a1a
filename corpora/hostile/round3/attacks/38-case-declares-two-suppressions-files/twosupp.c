// expect-tsan: none
// tsan-options: suppressions=a.supp:suppressions=b.supp
#include <pthread.h>
int counter;
void *worker(void *a) {
  counter++;
  return 0;
}
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  counter++;
  pthread_join(t, 0);
  return 0;
}
