/* The mistake: thread B adds a variable to the environment with setenv() while thread A looks one up with
 * getenv(). setenv() may move the whole environment array to a bigger block and rewrites the `environ` pointer
 * as it goes, while getenv() walks that array with no lock (POSIX lets neither run alongside the other): a
 * data race. Both sides run inside the C library, which is not instrumented, and TSan intercepts neither call,
 * so it reports nothing. The fix sets the environment before any thread starts and only reads it afterwards.
 * Source: glibc 2.36 stdlib/setenv.c __add_to_environ; glibc 2.36 stdlib/getenv.c getenv; POSIX.1-2017 XSH 2.9.1;
 * POSIX.1-2017 setenv(). */
#include "../casebook.h"

// expect-tsan: none -- misses: the race on environ is inside the uninstrumented C library
// expect-output: Thread A: CASEBOOK_MODE is fast.

static invisible_barrier both_started;

static void *thread_b(void *unused) {
  (void)unused;
  invisible_barrier_wait(&both_started);
  setenv("CASEBOOK_EXTRA", "1", 1); // expect-bug: data race -- rewrites the array getenv() walks
  return NULL;
}

int main(void) {
  pthread_t b;
  setenv("CASEBOOK_MODE", "fast", 1);
  invisible_barrier_init(&both_started, 2);
  pthread_create(&b, NULL, thread_b, NULL);
  invisible_barrier_wait(&both_started);
  const char *mode = getenv("CASEBOOK_MODE");
  say("Thread A: CASEBOOK_MODE is %s.", mode ? mode : "unset");
  pthread_join(b, NULL);
  return 0;
}
