/* The fix: the memset and the read each hold the message's mutex. The bytes the interceptor writes are then
 * ordered against main's read, whichever comes first, and TSan reports nothing.
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock, pthread_mutex_unlock
 * (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14). */
#include "../casebook.h"
#include <string.h>

// expect-tsan: none
// expect-output: main read: h

static struct {
  char text[32];
  pthread_mutex_t lock;
} message = {"hello", PTHREAD_MUTEX_INITIALIZER};

struct blank_out {
  char fill;
  size_t length; /* known only at run time, and unbounded for the compiler: memset() stays a call */
};

static invisible_barrier read_done;

static void *thread_b(void *arg) {
  const struct blank_out *order = arg;
  invisible_barrier_wait(&read_done); /* main has read: the memset comes second */
  pthread_mutex_lock(&message.lock);
  memset(message.text, order->fill, order->length);
  pthread_mutex_unlock(&message.lock);
  return NULL;
}

int main(void) {
  pthread_t b;
  struct blank_out order = {'*', 5};
  invisible_barrier_init(&read_done, 2);
  pthread_create(&b, NULL, thread_b, &order);
  pthread_mutex_lock(&message.lock);
  char first = message.text[0];
  pthread_mutex_unlock(&message.lock);
  invisible_barrier_wait(&read_done);
  say("main read: %c", first);
  pthread_join(b, NULL);
  return 0;
}
