#include <pthread.h>
#include <stdio.h>
static int depth(volatile char *p, int n) { volatile char big[4096]; big[0] = n; return n ? depth(big, n - 1) + big[0] : p[0]; }
static void *w(void *a) { return (void *)(long)depth("x", 1 << 20); }
// expect-tsan: none
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  pthread_join(t, 0);
  puts("done");
  return 0;
}
