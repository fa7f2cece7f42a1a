/* The fix: the detached worker posts a semaphore after its write and main waits on it before reading. TSan
 * treats a sem_post as happening-before the sem_wait that consumes it, so the write of `value` is ordered before
 * main's read and TSan reports nothing. (Joining instead of detaching would work too: see join_order_fixed.c.)
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc sem_wait, sem_post (LLVM 14). */
#include "../casebook.h"
#include <semaphore.h>

// expect-tsan: none
// expect-output: Ending value is 1.

static struct {
  int value;
} store;
static sem_t written;

static void *worker(void *arg) {
  (void)arg;
  int local_copy = store.value;
  local_copy += 1;
  store.value = local_copy;
  sem_post(&written);
  return NULL;
}

int main(void) {
  pthread_t thread;
  sem_init(&written, 0, 0);
  pthread_create(&thread, NULL, worker, NULL);
  pthread_detach(thread);
  sem_wait(&written);
  say("Ending value is %d.", store.value);
  return 0;
}
