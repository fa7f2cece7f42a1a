/* The fix: the copy and the read each hold the message's mutex. B's unlock happens-before main's next lock
 * and main's unlock before B's lock, whichever comes first, so the interceptor's write of the copied bytes is
 * ordered against main's read and TSan reports nothing.
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock, pthread_mutex_unlock
 * (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14); compiler-rt
 * lib/sanitizer_common/sanitizer_common_interceptors.inc memcpy (LLVM 14). */
#include "../casebook.h"
#include <string.h>

// expect-tsan: none
// expect-output: main read:

static struct {
  char text[32];
  pthread_mutex_t lock;
} message = {"hello", PTHREAD_MUTEX_INITIALIZER};

static invisible_barrier read_done;

static void *thread_b(void *arg) {
  const char *reply = arg; /* a length known only at run time keeps the compiler from inlining the copy */
  invisible_barrier_wait(&read_done); /* main has read: the copy comes second */
  pthread_mutex_lock(&message.lock);
  memcpy(message.text, reply, strlen(reply) + 1);
  pthread_mutex_unlock(&message.lock);
  return NULL;
}

int main(void) {
  pthread_t b;
  invisible_barrier_init(&read_done, 2);
  pthread_create(&b, NULL, thread_b, "goodbye");
  pthread_mutex_lock(&message.lock);
  char first = message.text[0];
  pthread_mutex_unlock(&message.lock);
  invisible_barrier_wait(&read_done);
  say("main read: %c", first);
  pthread_join(b, NULL);
  return 0;
}
