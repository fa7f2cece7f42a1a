// expect-tsan: none
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
static atomic_int step;  /* relaxed: orders nothing for TSan */
static void (*bump)(int *);
static void *worker(void *a) {
  bump(a);
  atomic_store_explicit(&step, 1, memory_order_relaxed);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 2) {}
  return 0;
}
int main(int argc, char **argv) {
  char path[4096];
  snprintf(path, sizeof path, "%s/libplug.so", PLUGDIR);
  void *h = dlopen(path, RTLD_NOW);
  if (!h) { fprintf(stderr, "%s\n", dlerror()); return 1; }
  bump = (void (*)(int *))dlsym(h, "plug_bump");
  int *counter = calloc(1, sizeof *counter);
  pthread_t t;
  pthread_create(&t, 0, worker, counter);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 1) {}
  bump(counter);
  atomic_store_explicit(&step, 2, memory_order_relaxed);
  pthread_join(t, 0);
  dlclose(h);   /* the plugin is done */
  printf("%d\n", *counter);
  free(counter);
  return 0;
}
