/* Publication with memory_order_consume: the worker fills a message and publishes its address with a release
 * store; main loads the pointer with consume and reads the message through it. Consume orders only reads that
 * depend on the loaded value, which suffices here, but no compiler implements the dependency tracking: gcc and
 * clang treat consume as acquire, and so does TSan, which sees the release store synchronize with the load and
 * reports nothing. Code that relies on consume gets acquire; code that needs acquire should say so.
 * Source: C11 7.17.3p2; C11 5.1.2.4; gcc 12 gcc/builtins.cc get_memmodel; llvm
 * lib/Transforms/Instrumentation/ThreadSanitizer.cpp createOrdering (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_interface_atomic.cpp IsAcquireOrder, AtomicLoad, AtomicStore (LLVM 14). */
#include "../casebook.h"
#include <stdatomic.h>

// expect-tsan: none
// expect-output: main: the message says 42.

struct message {
  int text;
};

static struct message *_Atomic published;
static invisible_barrier sent; /* main looks after the store; it orders nothing for TSan */

static void *worker(void *arg) {
  struct message *message = arg;
  message->text = 42;
  atomic_store_explicit(&published, message, memory_order_release);
  invisible_barrier_wait(&sent);
  return NULL;
}

int main(void) {
  static struct message message;
  pthread_t thread;
  invisible_barrier_init(&sent, 2);
  pthread_create(&thread, NULL, worker, &message);
  invisible_barrier_wait(&sent);
  struct message *seen = atomic_load_explicit(&published, memory_order_consume);
  if (seen != NULL)
    say("main: the message says %d.", seen->text);
  pthread_join(thread, NULL);
  return 0;
}
