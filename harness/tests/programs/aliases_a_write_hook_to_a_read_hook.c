/* racy_marked_none.c's race, with the write hook made another name of the read hook in the case's own assembly:
 * the compiler's call to __tsan_write4 reaches __tsan_read4, so TSan sees two reads. */
#include <pthread.h>
#include "invisible_barrier.h"

int counter;

__asm__(".globl __tsan_write4\n.set __tsan_write4, __tsan_read4");

static void *worker(void *arg) {
  (void)arg;
  counter = 1;
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
  counter = 2;
  overlap_wait();
  pthread_join(thread, NULL);
  return counter == 2 ? 0 : 1;
}
