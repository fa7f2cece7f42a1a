/* The mistake: thread B blanks out a shared buffer with memset() while main reads it, and no lock orders the
 * two. TSan's memset interceptor announces a write of every byte it sets, so TSan reports a data race whose
 * innermost frame is the interceptor; the marker goes on the next frame, the line that called memset(). The
 * fix takes one mutex around the memset and the read. gcc 12 (and gcc 11 once it optimizes) writes the memset()
 * out inline as a loop of stores it does not instrument, so there TSan sees no write at all and reports nothing;
 * gcc 11 at -O0 still calls memset(), and TSan reports. */
#include "../casebook.h"
#include <string.h>

// expect-tsan[gcc>=12]: none -- misses: gcc 12 expands this memset() inline into stores it never instruments
// expect-tsan[gcc<12,O1,O2,O3,Os]: none -- misses: so does gcc 11 once it optimizes
// expect-output: main read:

static struct {
  char text[32];
  pthread_mutex_t lock;
} message = {"hello", PTHREAD_MUTEX_INITIALIZER};

static invisible_barrier read_done;

static void *thread_b(void *arg) {
  const char *fill = arg; /* a length known only at run time keeps the compiler from inlining the memset */
  invisible_barrier_wait(&read_done); /* main has read: the memset comes second */
  // expect-bug: data race -- gcc 12 hides it, the program has it on every toolchain
  // expect-tsan[gcc<12,O0]: data race -- gcc 11 at -O0 calls memset(), and TSan's interceptor sees it
  memset(message.text, *fill, strlen(message.text)); // expect-tsan[clang]: data race -- main read this byte unlocked
  return NULL;
}

int main(void) {
  pthread_t b;
  invisible_barrier_init(&read_done, 2);
  pthread_create(&b, NULL, thread_b, "*");
  char first = message.text[0];
  invisible_barrier_wait(&read_done);
  say("main read: %c", first);
  pthread_join(b, NULL);
  return 0;
}
