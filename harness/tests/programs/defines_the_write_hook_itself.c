/* racy_marked_none.c's race, in a program that defines TSan's write hook itself, outside TSan's watch: every write
 * the compiler announced reaches this function instead of the runtime's. */
#include <pthread.h>
#include "invisible_barrier.h"

int counter;

__attribute__((no_sanitize("thread"))) void __tsan_write4(void *address) { (void)address; }

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
