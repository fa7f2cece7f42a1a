#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
int shared;
#include "hooks.h"
static void say(const char *format, ...) { va_list ap; va_start(ap, format); vprintf(format, ap); va_end(ap); }
static __thread int mine;
static void *worker(void *arg) {
  (void)arg;
  hook();
  mine++; // expect-tsan: data race
  return NULL;
}
int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  say("%d %d\n", shared, mine);
  return 0;
}
