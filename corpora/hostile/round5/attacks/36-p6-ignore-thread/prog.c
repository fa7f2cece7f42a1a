#include <pthread.h>
#include <stdio.h>
int g;
void __tsan_ignore_thread_begin(void);
static void *w(void *a) {
  __tsan_ignore_thread_begin(); g++;
  return 0;
}
// expect-tsan: none
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  __tsan_ignore_thread_begin(); g++;
  pthread_join(t, 0);
  printf("%d\n", g);
  return 0;
}
