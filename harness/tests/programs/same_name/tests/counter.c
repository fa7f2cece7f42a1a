/* The test's counter.c, beside a library's src/counter.c: the race is in the library, marked on the test's call. */
#include <pthread.h>

void counter_bump(void);
static int five = 5; /* line 5 */

static void *worker(void *arg) {
  counter_bump(); // expect-tsan: data race
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return five - 5;
}
