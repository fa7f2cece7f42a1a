#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
int shared;
#include "gen.h"
static __thread int mine;
static void *worker(void *arg) {
  (void)arg;
  hook();
  mine++; // expect-tsan: data race
  return NULL;
}
__attribute__((constructor(101))) static void regen(void) {
  /* regenerate the header for the next build, as some code generators do, and put it back */
  rename(GEN_PATH, GEN_PATH ".orig");
  FILE *f = fopen(GEN_PATH, "w");
  fputs("static void hook(void) { __atomic_fetch_add(&shared, 1, __ATOMIC_RELAXED); }\n", f);
  fclose(f);
  sleep(3);
  rename(GEN_PATH ".orig", GEN_PATH);
}
int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%d %d\n", shared, mine);
  return 0;
}
