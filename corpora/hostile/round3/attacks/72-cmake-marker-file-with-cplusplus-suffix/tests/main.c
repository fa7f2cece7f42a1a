// expect-tsan: none -- (the expectations live beside the code, in src/counter.c++)
#include <pthread.h>
void counter_bump(void);
int counter_get(void);
static void *worker(void *a) { counter_bump(); return 0; }
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  counter_bump();
  pthread_join(t, 0);
  return counter_get() == 2 ? 0 : 1;
}
