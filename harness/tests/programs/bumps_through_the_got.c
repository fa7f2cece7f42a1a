/* Two threads call bump() of bumps_through_the_got_lib.c, which the test builds as a shared library, with or
 * without -fsanitize=thread. bump() touches `counter`, defined here, only through the GOT: built without TSan, no
 * instruction of it names a writable global, and TSan sees none of its accesses. */
#include "invisible_barrier.h"

int counter;
void bump(void);

static void *worker(void *arg) {
  (void)arg;
  bump();
  overlap_wait();
  overlap_wait();
  return NULL;
}

// expect-tsan: data race in bump
int main(void) {
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  bump();
  overlap_wait();
  pthread_join(thread, NULL);
  return 0;
}
