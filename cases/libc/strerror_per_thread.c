/* strerror() returns a string the caller must not keep across another call, and POSIX does not promise it is
 * thread-safe; glibc 2.36 returns fixed strings for the known error numbers and builds the text of an unknown one
 * in a buffer of the calling thread. So thread B's strerror() cannot overwrite the message main holds, and main
 * still reads "Unknown error 1000". TSan's silence proves none of this: its strerror interceptor announces no
 * write of the string (for TSan the range hook is empty), and glibc writes it in code TSan does not instrument, so
 * a C library with one shared buffer would race here just as silently. Portable code uses strerror_r().
 * Source: glibc 2.36 string/strerror_l.c __strerror_l; compiler-rt
 * lib/sanitizer_common/sanitizer_common_interceptors.inc strerror, COMMON_INTERCEPTOR_INITIALIZE_RANGE (LLVM 14);
 * POSIX.1-2017 strerror(). */
#include "../casebook.h"
#include <string.h>

// expect-tsan: none -- and it would be none with a shared buffer: TSan sees no write by strerror()
// expect-bug: none -- on glibc 2.36, where each thread has its own buffer for an unknown error's text
// expect-output: main: Unknown error 1000

static invisible_barrier described, read_done;

static void *thread_b(void *unused) {
  (void)unused;
  invisible_barrier_wait(&described); /* main holds its message */
  strerror(2001);
  invisible_barrier_wait(&read_done);
  return NULL;
}

int main(void) {
  pthread_t b;
  invisible_barrier_init(&described, 2);
  invisible_barrier_init(&read_done, 2);
  pthread_create(&b, NULL, thread_b, NULL);
  const char *message = strerror(1000);
  invisible_barrier_wait(&described);
  invisible_barrier_wait(&read_done); /* B has described its own error */
  say("main: %s", message);
  pthread_join(b, NULL);
  return 0;
}
