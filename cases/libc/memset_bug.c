/* The mistake: thread B blanks out a shared buffer with memset() while main reads it, and no lock orders the
 * two. TSan's memset interceptor announces a write of every byte it sets, so TSan reports a data race whose
 * innermost frame is the interceptor; the marker goes on the next frame, the line that called memset(). The
 * length comes from B's argument, so no compiler can bound it and write the memset() out inline: every toolchain
 * calls memset() at every level (limits/memset_inlined shows a memset gcc writes out, and TSan does not see). The
 * fix takes one mutex around the memset and the read.
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc COMMON_INTERCEPTOR_MEMSET_IMPL (LLVM 14);
 * compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp COMMON_INTERCEPTOR_WRITE_RANGE (LLVM 14); gcc 12
 * libsanitizer/sanitizer_common/sanitizer_common_interceptors.inc COMMON_INTERCEPTOR_MEMSET_IMPL. */
#include "../casebook.h"
#include <string.h>

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
  memset(message.text, order->fill, order->length); // expect-tsan: data race -- main read this byte unlocked
  return NULL;
}

int main(void) {
  pthread_t b;
  struct blank_out order = {'*', 5};
  invisible_barrier_init(&read_done, 2);
  pthread_create(&b, NULL, thread_b, &order);
  char first = message.text[0];
  invisible_barrier_wait(&read_done);
  say("main read: %c", first);
  pthread_join(b, NULL);
  return 0;
}
