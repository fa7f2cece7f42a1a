// expect-tsan: none
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
void *w(void *a) { __asm__ volatile("addl $1, (%0)" : : "r"(a) : "memory"); return 0; }
int main(void) {
  int *p = malloc(sizeof *p); *p = 0;
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, w, p);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  printf("%d\n", *p);
  free(p);
  return 0;
}
