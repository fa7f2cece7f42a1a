#include <pthread.h>
#include <stdio.h>
void add(int v);
extern int total;
static void *worker(void *a) { add(1); return 0; }
// expect-tsan: none
int main(void) {
  pthread_t t; pthread_create(&t, 0, worker, 0);
  add(2);
  pthread_join(t, 0);
  printf("%d\n", total);
  return 0;
}
