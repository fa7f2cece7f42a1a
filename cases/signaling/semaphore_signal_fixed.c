/* The fix: write the result first, then post. TSan treats a sem_post as happening-before the sem_wait that
 * consumes it, so the worker's write of `result`, which now comes before its post, is ordered before main's
 * read, which comes after its wait: TSan reports nothing. The invisible barrier is left in place only to keep
 * the diff to the fix; it changes nothing here.
 * Source: POSIX.1-2017 sem_post(); compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc sem_wait,
 * sem_post (LLVM 14). */
#include "../casebook.h"
#include <semaphore.h>

// expect-tsan: none
// expect-output: main: the result is 42.

static struct {
  long result;
  sem_t ready;
} mailbox;

static invisible_barrier written;

static void *worker(void *unused) {
  (void)unused;
  mailbox.result = 6 * 7;
  sem_post(&mailbox.ready);
  invisible_barrier_wait(&written);
  return NULL;
}

int main(void) {
  pthread_t thread;
  sem_init(&mailbox.ready, 0, 0);
  invisible_barrier_init(&written, 2);
  pthread_create(&thread, NULL, worker, NULL);
  sem_wait(&mailbox.ready);
  invisible_barrier_wait(&written);
  say("main: the result is %ld.", mailbox.result);
  pthread_join(thread, NULL);
  sem_destroy(&mailbox.ready);
  return 0;
}
