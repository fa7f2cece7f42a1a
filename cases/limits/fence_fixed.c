/* The same correct fence pair, annotated so TSan understands it: __tsan_release() next to the release fence
 * and __tsan_acquire() next to the acquire fence, both on the address of `ready`, tell TSan about the edge
 * the fences create. TSan now sees the write happen-before the read and reports nothing. The annotations
 * exist only in TSan builds, so real code hides them behind a macro that is empty otherwise (tested with
 * __SANITIZE_THREAD__ on gcc, __has_feature(thread_sanitizer) on clang).
 * Source: compiler-rt lib/tsan/rtl/tsan_interface.cpp __tsan_acquire, __tsan_release (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_interface_atomic.cpp AtomicFence (LLVM 14). */
#include "../casebook.h"
#include <sanitizer/tsan_interface.h>
#include <stdatomic.h>

// expect-tsan: none
// expect-output: Main: the worker published 1.

static struct {
  long value;
  atomic_bool ready;
} store;

static invisible_barrier published;

static void *worker(void *arg) {
  (void)arg;
  store.value = 1;
  atomic_thread_fence(memory_order_release);
  __tsan_release(&store.ready);
  atomic_store_explicit(&store.ready, true, memory_order_relaxed);
  invisible_barrier_wait(&published); /* forces the order below without telling TSan */
  return NULL;
}

int main(void) {
  pthread_t thread;
  invisible_barrier_init(&published, 2);
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&published);
  if (atomic_load_explicit(&store.ready, memory_order_relaxed)) {
    atomic_thread_fence(memory_order_acquire);
    __tsan_acquire(&store.ready);
    say("Main: the worker published %ld.", store.value);
  }
  pthread_join(thread, NULL);
  return 0;
}

/* The acquire/release annotations stand for the fences TSan does not model; the harness is told they are meant. */
// tsan-hides: sync-annotations -- __tsan_release/__tsan_acquire order what the fences order
