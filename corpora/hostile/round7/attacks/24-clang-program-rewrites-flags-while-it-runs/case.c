#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
int shared;
#ifdef USE_HOOKS
#include "hooks.h"
#else
static void hook(void) { __atomic_fetch_add(&shared, 1, __ATOMIC_RELAXED); }
#endif
static __thread int mine;
static void *worker(void *arg) {
  (void)arg;
  hook();
  mine++; // expect-tsan: data race
  return NULL;
}
/* The test rewrites the project's options file (a "reset to defaults" step), then puts it back. */
__attribute__((constructor(101))) static void reset_options(void) {
  rename(OPTIONS_PATH, OPTIONS_PATH ".orig");
  FILE *f = fopen(OPTIONS_PATH, "w");
  if (f) { fputs("-DUSE_NOTHING\n", f); fclose(f); }
  sleep(3);
  rename(OPTIONS_PATH ".orig", OPTIONS_PATH);
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
