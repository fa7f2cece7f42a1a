/* The mistake: thread B writes a shared string with strcpy() while main measures it with strlen(), and no
 * lock orders the two. Both are intercepted: strlen's interceptor announces a read of the string and its end,
 * strcpy's a write of every byte copied, so TSan reports a data race between two interceptors. The innermost
 * frame of each stack is the interceptor, and the marker goes on the caller's line. The fix takes one mutex
 * around both calls.
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp strcpy (LLVM 14); compiler-rt
 * lib/sanitizer_common/sanitizer_common_interceptors.inc strlen (LLVM 14). */
#include "../casebook.h"
#include <string.h>

// expect-output: main read:

static struct {
  char text[32];
  pthread_mutex_t lock;
} message = {"hello", PTHREAD_MUTEX_INITIALIZER};

static invisible_barrier read_done;

static void *thread_b(void *arg) {
  const char *reply = arg; /* a length known only at run time keeps the compiler from inlining the copy */
  invisible_barrier_wait(&read_done); /* main has read: strcpy() comes second */
  strcpy(message.text, reply); // expect-tsan: data race -- main's strlen() read them unlocked
  return NULL;
}

int main(void) {
  pthread_t b;
  invisible_barrier_init(&read_done, 2);
  pthread_create(&b, NULL, thread_b, "goodbye");
  size_t first = strlen(message.text);
  invisible_barrier_wait(&read_done);
  say("main read: %zu bytes", first);
  pthread_join(b, NULL);
  return 0;
}
