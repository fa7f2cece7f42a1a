/* The fix: the memset and the read each hold the message's mutex. The bytes the interceptor writes are then
 * ordered against main's read, whichever comes first, and TSan reports nothing. */
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
  const char *fill = arg; /* a length known only at run time keeps the compiler from inlining the memset */
  invisible_barrier_wait(&read_done); /* main has read: the memset comes second */
  pthread_mutex_lock(&message.lock);
  memset(message.text, *fill, strlen(message.text));
  pthread_mutex_unlock(&message.lock);
  return NULL;
}

int main(void) {
  pthread_t b;
  invisible_barrier_init(&read_done, 2);
  pthread_create(&b, NULL, thread_b, "*");
  pthread_mutex_lock(&message.lock);
  char first = message.text[0];
  pthread_mutex_unlock(&message.lock);
  invisible_barrier_wait(&read_done);
  say("main read: %c", first);
  pthread_join(b, NULL);
  return 0;
}
