/* The library half of calls_a_racing_library.c: two threads fill one buffer. The size is read from a volatile, so
 * the compiler keeps the call to memset (TSan's interceptor sees it) instead of inlining stores it cannot see. */
#include <pthread.h>
#include <string.h>

static char buffer[64];
static volatile unsigned long size = sizeof buffer;

static void *fill(void *value) {
  memset(buffer, (int)(long)value, size);
  return NULL;
}

void racer_run(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, fill, (void *)1);
  pthread_create(&b, NULL, fill, (void *)2);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
}
