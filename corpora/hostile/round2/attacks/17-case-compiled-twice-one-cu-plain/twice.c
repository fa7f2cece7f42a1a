#include <pthread.h>
extern int shared;
void bump(void);
#ifndef WORKER_PART
int shared;
static void *w(void *a) { shared = 1; return a; }
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  bump();
  pthread_join(t, 0);
  return 0;
}
#else
void bump(void) {
  shared = 2;
}
#endif
// expect-tsan: none
