/* The mistake: thread B read()s a message from a pipe into a shared buffer that main has just read, with no
 * lock around either. The kernel does the copy, so no instrumented store ever touches the buffer, but TSan's
 * read() interceptor announces a write of the bytes read, and TSan reports a data race between that write and
 * main's earlier read. The innermost frame is the interceptor; the marker goes on the line that called read().
 * The fix takes one mutex around the read() and main's read.
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc read (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14). */
#include "../casebook.h"
#include <unistd.h>

// expect-output: main read: h

static struct {
  char text[32];
  pthread_mutex_t lock;
} message = {"hello", PTHREAD_MUTEX_INITIALIZER};

static invisible_barrier read_done;
static int pipe_ends[2];

static void *thread_b(void *unused) {
  (void)unused;
  invisible_barrier_wait(&read_done); /* main has read: read() comes second */
  ssize_t got = read(pipe_ends[0], message.text, sizeof message.text - 1); // expect-tsan: data race -- main read it
  (void)got;
  return NULL;
}

int main(void) {
  pthread_t b;
  if (pipe(pipe_ends) != 0 || write(pipe_ends[1], "goodbye", 8) != 8)
    return 1;
  invisible_barrier_init(&read_done, 2);
  pthread_create(&b, NULL, thread_b, NULL);
  char first = message.text[0];
  invisible_barrier_wait(&read_done);
  say("main read: %c", first);
  pthread_join(b, NULL);
  return 0;
}
