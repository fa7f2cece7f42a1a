#include <pthread.h>
int shared;
static void *w(void *a) { __asm__ volatile("movl $1, %0" : "=m"(shared)); return a; }
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  __asm__ volatile("movl $2, %0" : "=m"(shared));
  pthread_join(t, 0);
  return 0;
}
// expect-tsan: none
