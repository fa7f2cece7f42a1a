#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
int a __attribute__((aligned(64)));
int b __attribute__((aligned(64)));
static void *wa(void *x) { (void)x; a = 1; usleep(300000); return 0; }
static void *wb(void *x) { (void)x; b = 1; usleep(300000); return 0; }
__attribute__((noinline)) static void touch_b(void) { b = 2; }
int main(void) {
  pthread_t t, u; pthread_create(&t, 0, wa, 0); pthread_create(&u, 0, wb, 0);
  usleep(100000);
  a = 2;
  touch_b();
  pthread_join(t, 0); pthread_join(u, 0);
  printf("%d %d\n", a, b);
  return 0; }
