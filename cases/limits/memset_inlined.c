/* Thread B blanks out a shared buffer with memset() while main reads it, unlocked: the race of
 * libc/memset_bug.c, but with a length the compiler knows (the whole buffer). gcc's TSan pass runs on the GIMPLE
 * form and leaves a call to the memset builtin as it is; only later, when the call is expanded into machine code,
 * does gcc write a bounded memset out as plain stores (at -O1 and above; at -O0 it calls the library), and those
 * stores were never instrumented: TSan sees no write and reports nothing. clang turns every memset into a call of
 * memset(), which TSan intercepts, and reports at every level.
 * Source: gcc 12 gcc/tsan.cc instrument_gimple; gcc 12 gcc/passes.def pass_tsan, pass_expand; gcc 12 gcc/builtins.cc
 * expand_builtin; llvm lib/Transforms/Instrumentation/ThreadSanitizer.cpp instrumentMemIntrinsic (LLVM 14). */
#include "../casebook.h"
#include <string.h>

// expect-output: main read: h

static struct {
  char text[32];
} message = {"hello"};

static invisible_barrier read_done;

static void *thread_b(void *arg) {
  const char *fill = arg;
  invisible_barrier_wait(&read_done); /* main has read: the memset comes second */
  // expect-bug: data race -- on every toolchain; gcc's written-out stores hide it from TSan
  // expect-tsan[gcc,O1,O2,O3,Os,Ofast,Og]: none -- misses: gcc writes this memset out as stores it never instrumented
  // expect-tsan[clang]: data race -- clang calls memset(), and TSan's interceptor sees the write
  // expect-tsan[gcc,O0]: data race -- gcc at -O0 calls memset() as well
  memset(message.text, *fill, sizeof message.text);
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
