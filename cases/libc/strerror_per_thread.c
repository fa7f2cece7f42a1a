/* strerror() returns a string the caller must not keep across another call, and POSIX does not promise it is
 * thread-safe; but the glibc measured here (2.36) builds the text of an unknown error number in a buffer of the
 * calling thread, and returns fixed strings for the known ones. So, unlike localtime() (localtime_bug.c), thread
 * B's strerror() cannot overwrite the message main holds: main still reads "Unknown error 1000", and TSan, which
 * sees each thread write only its own buffer, reports nothing. Portable code uses strerror_r(). */
#include "../casebook.h"
#include <string.h>

// expect-tsan: none
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
