/* The mistake: thread B copies a new message into a shared buffer with memcpy() while main prints the buffer,
 * and no lock orders the two. TSan's memcpy interceptor announces a write of every byte it copies, so TSan
 * reports a data race whose innermost frames are the runtime's and whose next frame is the caller's line, where
 * the marker sits. clang's runtime has no line table and shows one frame, `memcpy`; gcc 12's libtsan has one, and
 * the interceptor's address reads as a call inlined into `__interceptor_memcpy`: two frames, both printed
 * `memcpy`. The fix takes one mutex around the copy and the read.
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc memcpy (LLVM 14); gcc 12
 * libsanitizer/sanitizer_common/sanitizer_common_interceptors.inc memcpy. */
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
  invisible_barrier_wait(&read_done); /* main has read: the copy comes second */
  memcpy(message.text, reply, strlen(reply) + 1); // expect-tsan: data race -- main read these bytes unlocked
  return NULL;
}

int main(void) {
  pthread_t b;
  invisible_barrier_init(&read_done, 2);
  pthread_create(&b, NULL, thread_b, "goodbye");
  char first = message.text[0];
  invisible_barrier_wait(&read_done);
  say("main read: %c", first);
  pthread_join(b, NULL);
  return 0;
}
