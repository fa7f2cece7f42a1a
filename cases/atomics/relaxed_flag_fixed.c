/* The fix: the flag is raised with memory_order_release and read with memory_order_acquire. When main's
 * acquire load reads the value the worker's release store wrote, everything the worker did before the store
 * (the write of `result`) happens-before everything main does after the load, so TSan sees the read of
 * `result` ordered after the write and reports nothing.
 * Source: C11 5.1.2.4p11; compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicStore, AtomicLoad (LLVM 14). */
#include "../casebook.h"
#include <stdatomic.h>

// expect-tsan: none
// expect-output: main: the result is 42.

static struct {
  long result;
  _Alignas(8) atomic_bool ready;
} mailbox;

static invisible_barrier raised;

static void *worker(void *unused) {
  (void)unused;
  mailbox.result = 6 * 7;
  atomic_store_explicit(&mailbox.ready, true, memory_order_release);
  invisible_barrier_wait(&raised);
  return NULL;
}

int main(void) {
  pthread_t thread;
  invisible_barrier_init(&raised, 2);
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&raised);
  if (atomic_load_explicit(&mailbox.ready, memory_order_acquire))
    say("main: the result is %ld.", mailbox.result);
  pthread_join(thread, NULL);
  return 0;
}
