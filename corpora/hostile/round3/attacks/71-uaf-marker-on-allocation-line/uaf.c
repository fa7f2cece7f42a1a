#include <pthread.h>
#include <stdlib.h>
static int *p;
static void *worker(void *a) { *p = 1; return 0; }
int main(void) {
  p = malloc(sizeof *p); // expect-tsan: heap-use-after-free
  free(p);
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  pthread_join(t, 0);
  return 0;
}
