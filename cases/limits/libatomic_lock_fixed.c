/* The fix: the struct is stored with memory_order_release and loaded with memory_order_acquire, so when main's load
 * reads what the worker's store wrote, the write of `result` happens-before its read, whatever the struct's size and
 * however the library copies it. TSan reports nothing, as for the relaxed orders (it sees libatomic's mutex either
 * way), but this time C11 agrees.
 * Source: C11 5.1.2.4p11; C11 7.17.3p2; gcc 12 libatomic/config/posix/lock.c libat_lock_n. */
#include "../casebook.h"
#include <stdatomic.h>

// expect-tsan: none
// expect-bug: none
// expect-output: main: the result is 42.
// link-libraries: atomic -- an _Atomic struct of four words is copied by libatomic's functions

struct stamp {
  _Alignas(32) long sequence;
  long seconds, nanoseconds, writer;
};

static long result;
static _Atomic struct stamp published;
static invisible_barrier raised;

static void *worker(void *unused) {
  (void)unused;
  result = 6 * 7;
  struct stamp stamp = {1, 2, 3, 4};
  atomic_store_explicit(&published, stamp, memory_order_release);
  invisible_barrier_wait(&raised);
  return NULL;
}

int main(void) {
  pthread_t thread;
  invisible_barrier_init(&raised, 2);
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&raised);
  struct stamp seen = atomic_load_explicit(&published, memory_order_acquire);
  if (seen.sequence == 1)
    say("main: the result is %ld.", result);
  pthread_join(thread, NULL);
  return 0;
}
