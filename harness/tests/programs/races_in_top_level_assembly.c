/* A race whose writes are in a function written in a top-level asm block of the case: no DWARF describes it, and
 * TSan's pass never sees assembly, so the run is silent. */
#include <pthread.h>
#include "invisible_barrier.h"

int counter;
void bump(void);

__asm__(".text\n.globl bump\n.type bump, @function\nbump:\n  addl $1, counter(%rip)\n  ret\n.size bump, .-bump\n");

static void *worker(void *arg) {
  (void)arg;
  bump();
  overlap_wait();
  overlap_wait();
  return NULL;
}

// expect-tsan: none
int main(void) {
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  bump();
  overlap_wait();
  pthread_join(thread, NULL);
  return counter == 2 ? 0 : 1;
}
