#include <pthread.h>
#include <stdio.h>
int total;
static void set(int v) { __asm__ volatile("movl %1, %0" : "=m"(total) : "r"(v)); }
static void *worker(void *a) { set(1); return 0; }
// expect-tsan: none
int main(void) {
  pthread_t t; pthread_create(&t, 0, worker, 0);
  set(2);
  pthread_join(t, 0);
  printf("%d\n", total);
  return 0;
}
