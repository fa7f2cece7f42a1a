// expect-tsan: data race at ounter.c:3
#include <pthread.h>
void counter_bump(void);
static void *worker(void *a) { counter_bump(); return 0; }
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  counter_bump();
  pthread_join(t, 0);
  return 0;
}
