#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
static void (*bump)(void);
static void *worker(void *arg) {
  (void)arg;
  bump();
  return NULL;
}
// expect-tsan: none
int main(void) {
  char path[4096]; snprintf(path, sizeof path, "%s/lib%s.so", getenv("PLUGIN_DIR"), "plugin"); void *h = dlopen(path, RTLD_NOW);
  if (!h) { fprintf(stderr, "%s\n", dlerror()); return 1; }
  bump = (void (*)(void))dlsym(h, "plugin_bump");
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  dlclose(h);
  return 0;
}
