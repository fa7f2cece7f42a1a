/* A race on a heap block whose writing side runs in put(), in a file built without TSan and without -g, reached
 * only through a table of function pointers that file defines: no DWARF describes the table or the function. */
#include <pthread.h>
#include <stdlib.h>
#include "invisible_barrier.h"

extern void (*const block_operations[])(int *);

static void *worker(void *arg) {
  block_operations[0](arg);
  overlap_wait();
  overlap_wait();
  return NULL;
}

// expect-tsan: none
int main(void) {
  int *block = calloc(16, sizeof *block);
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, block);
  overlap_wait();
  int seen = block[0];
  overlap_wait();
  pthread_join(thread, NULL);
  free(block);
  return seen == 42 ? 0 : 1;
}
