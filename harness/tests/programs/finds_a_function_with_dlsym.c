/* Races on `shared` inside counter_add() (built without TSan and without -g), which the case finds by its name
 * through dlsym: no call in the code names it, only a string. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include "invisible_barrier.h"

static void *worker(void *arg) {
  ((void (*)(int))arg)(1);
  overlap_wait();
  overlap_wait();
  return NULL;
}

// expect-tsan: none
int main(void) {
  void (*add)(int) = (void (*)(int))dlsym(RTLD_DEFAULT, "counter_add");
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, (void *)add);
  overlap_wait();
  add(2);
  overlap_wait();
  pthread_join(thread, NULL);
  return 0;
}
