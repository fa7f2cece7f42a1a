/* main clears buf through a helper library built without TSan (its memset goes through TSan's interceptor) while a
 * worker writes buf[3]: a race TSan reports, on this file's line. A suppression `called_from_lib:libhelper.so`
 * makes TSan ignore every interceptor call made from the library (sanitizer_libignore.cpp), so the race is gone,
 * and the runtime never lists the rule as matched. p06_declared_hiding builds it with libhelper.so. */
#include <pthread.h>

void helper_clear(char *p, unsigned long n);
char buf[64];

static void *worker(void *arg) {
  buf[3] = 1;
  return arg;
}

// expect-tsan: none
int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  helper_clear(buf, sizeof buf);
  pthread_join(thread, NULL);
  return 0;
}
