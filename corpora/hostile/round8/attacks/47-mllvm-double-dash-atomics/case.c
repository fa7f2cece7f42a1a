// expect-tsan: none
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
int g;
int sink;
void *a(void *x) { __atomic_store_n(&g, 2, __ATOMIC_RELAXED); sink++; return 0; }
void *b(void *x) { g = 1; return 0; }
int main(void) {
  pthread_t t[2];
  pthread_create(&t[0], 0, a, 0);
  pthread_create(&t[1], 0, b, 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  printf("%d\n", g);
  return 0;
}
