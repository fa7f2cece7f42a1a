/* A race on a heap block whose writing side is inline assembly that moves the stack pointer onto the block and stores through it: no store through rsp is the frame's once rsp left it. */
#include <pthread.h>
#include <stdlib.h>
#include "invisible_barrier.h"

__attribute__((noinline)) static void store(int *block) {
  __asm__ volatile("mov %%rsp, %%r11\n\tmov %0, %%rsp\n\tmovl $42, (%%rsp)\n\tmov %%r11, %%rsp" ::"r"(block)
                   : "r11", "memory");
}

static void *worker(void *arg) {
  store(arg);
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
