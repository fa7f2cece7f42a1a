#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct pair { long a, b; };
static struct pair *shared;
static void *worker(void *arg) {
  struct pair local = { (long)arg, (long)arg + 1 };
  memcpy(shared, &local, sizeof local);
  return NULL;
}
// expect-tsan: none
int main(void) {
  shared = malloc(sizeof *shared);
  pthread_t a, b;
  pthread_create(&a, NULL, worker, (void *)1);
  pthread_create(&b, NULL, worker, (void *)2);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%ld\n", shared->a);
  free(shared);
  return 0;
}
