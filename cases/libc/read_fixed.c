/* The fix: read() and main's read of the buffer each hold the message's mutex. The bytes the read()
 * interceptor announces as written are then ordered against main's read, whichever comes first, and TSan
 * reports nothing.
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock, pthread_mutex_unlock
 * (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14); compiler-rt
 * lib/sanitizer_common/sanitizer_common_interceptors.inc read (LLVM 14). */
#include "../casebook.h"
#include <unistd.h>

// expect-tsan: none
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
  pthread_mutex_lock(&message.lock);
  ssize_t got = read(pipe_ends[0], message.text, sizeof message.text - 1);
  pthread_mutex_unlock(&message.lock);
  (void)got;
  return NULL;
}

int main(void) {
  pthread_t b;
  if (pipe(pipe_ends) != 0 || write(pipe_ends[1], "goodbye", 8) != 8)
    return 1;
  invisible_barrier_init(&read_done, 2);
  pthread_create(&b, NULL, thread_b, NULL);
  pthread_mutex_lock(&message.lock);
  char first = message.text[0];
  pthread_mutex_unlock(&message.lock);
  invisible_barrier_wait(&read_done);
  say("main read: %c", first);
  pthread_join(b, NULL);
  return 0;
}
