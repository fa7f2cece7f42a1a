/* A semaphore with one permit used as the lock: sem_wait takes the permit, sem_post gives it back, and TSan
 * treats the post as happening-before the wait that receives it. The updates run one at a time, TSan reports
 * nothing, and the ending value is always 3.
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc sem_wait, sem_post (LLVM 14); POSIX.1-2017
 * sem_wait(). */
#include "../casebook.h"
#include <semaphore.h>

// expect-tsan: none
// expect-output: Testing update. Ending value is 3.

static struct {
  int value;
  sem_t permits;
} store;

static void update(const char *name) {
  say("Thread %s: starting update", name);
  sem_wait(&store.permits);
  say("Thread %s has lock", name);
  int local_copy = store.value;
  local_copy += 1;
  pretend_to_work();
  store.value = local_copy;
  say("Thread %s about to release lock", name);
  sem_post(&store.permits);
  say("Thread %s: finishing update", name);
}

int main(void) {
  sem_init(&store.permits, 0, 1);
  int status = run_lesson(update, &store.value);
  sem_destroy(&store.permits);
  return status;
}
