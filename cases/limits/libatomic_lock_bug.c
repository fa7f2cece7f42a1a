/* The worker writes its result, then publishes a four-word _Atomic struct with a relaxed store; main reads the
 * struct with a relaxed load and then the result. Relaxed atomics order nothing besides themselves, so the read of
 * `result` races with its write, as in atomics/relaxed_flag_bug.c, whose one-byte flag TSan reports. A struct this
 * large is not lock-free, though: the compiler calls libatomic's __atomic_store and __atomic_load, uninstrumented,
 * which copy it under a pthread mutex picked by its address whatever the memory order, and TSan, which intercepts
 * the mutex, takes its unlock and lock for a happens-before edge the program does not have, and reports nothing.
 * Source: C11 5.1.2.4p25; C11 7.17.3p2; gcc 12 libatomic/config/posix/lock.c libat_lock_n; gcc 12 libatomic/gload.c
 * libat_load; gcc 12 libatomic/gstore.c libat_store; gcc 12 gcc/tsan.cc instrument_builtin_call; llvm
 * lib/Transforms/Instrumentation/ThreadSanitizer.cpp sanitizeFunction (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_mutex_lock, pthread_mutex_unlock (LLVM 14). */
#include "../casebook.h"
#include <stdatomic.h>

// expect-tsan: none -- misses: libatomic's lock orders the two threads for TSan, not for C11
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
  atomic_store_explicit(&published, stamp, memory_order_relaxed);
  invisible_barrier_wait(&raised);
  return NULL;
}

int main(void) {
  pthread_t thread;
  invisible_barrier_init(&raised, 2);
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&raised);
  struct stamp seen = atomic_load_explicit(&published, memory_order_relaxed);
  if (seen.sequence == 1)
    say("main: the result is %ld.", result); // expect-bug: data race -- the relaxed struct published nothing
  pthread_join(thread, NULL);
  return 0;
}
