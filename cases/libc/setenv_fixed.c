/* The fix: main sets every variable before it starts a thread, and threads only read the environment.
 * pthread_create orders main's setenv() calls before everything thread B does, and two getenv() calls never
 * race with each other. TSan reports nothing, as for the mistake; here that is right.
 * Source: POSIX.1-2017 getenv(); compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_create (LLVM 14);
 * compiler-rt lib/tsan/rtl/tsan_rtl_thread.cpp ThreadStart (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Thread A: CASEBOOK_MODE is fast.

static invisible_barrier both_started;

static void *thread_b(void *unused) {
  (void)unused;
  invisible_barrier_wait(&both_started);
  getenv("CASEBOOK_EXTRA");
  return NULL;
}

int main(void) {
  pthread_t b;
  setenv("CASEBOOK_MODE", "fast", 1);
  setenv("CASEBOOK_EXTRA", "1", 1);
  invisible_barrier_init(&both_started, 2);
  pthread_create(&b, NULL, thread_b, NULL);
  invisible_barrier_wait(&both_started);
  const char *mode = getenv("CASEBOOK_MODE");
  say("Thread A: CASEBOOK_MODE is %s.", mode ? mode : "unset");
  pthread_join(b, NULL);
  return 0;
}
