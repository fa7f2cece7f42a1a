/* The fix: wait for the worker itself instead of for a while. pthread_join returns only after the worker has
 * ended, and TSan treats everything the worker did as happening-before the join's return, so main's read of
 * `result` after the join is ordered after the write: TSan reports nothing, however slow the worker is. The
 * invisible barrier is left in place only to keep the diff to the fix.
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_create, pthread_join (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_thread.cpp ThreadCreate, ThreadStart, ThreadFinish, ThreadJoin (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: main: the result is 42.

static struct {
  long result;
} mailbox;

static invisible_barrier written;

static void *worker(void *unused) {
  (void)unused;
  mailbox.result = 6 * 7;
  invisible_barrier_wait(&written);
  return NULL;
}

int main(void) {
  pthread_t thread;
  invisible_barrier_init(&written, 2);
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&written);
  pthread_join(thread, NULL);
  say("main: the result is %ld.", mailbox.result);
  return 0;
}
