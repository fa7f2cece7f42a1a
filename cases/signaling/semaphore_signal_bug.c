/* A semaphore as a signal: the worker posts when the result is ready, and main waits for the post before
 * reading it. But the worker posts first and writes the result after. A post orders only what its thread did
 * before it, so the late write is ordered before nothing in main, and TSan reports a data race between the
 * worker's write of `result` and main's read. The invisible barrier makes main read only after the write, so
 * the report is the same every run; without it, main could even print 0.
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc sem_wait, sem_post (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14). */
#include "../casebook.h"
#include <semaphore.h>

// expect-output: main: the result is 42.

static struct {
  long result;
  sem_t ready;
} mailbox;

static invisible_barrier written;

static void *worker(void *unused) {
  (void)unused;
  sem_post(&mailbox.ready);
  mailbox.result = 6 * 7; // expect-tsan: data race -- written after the post that was meant to announce it
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
