/* The race of libc/memset_bug.c with wide characters: thread B blanks out a shared wchar_t buffer with wmemset()
 * while main reads it, unlocked. memset() would be reported, since TSan intercepts it and announces the bytes it
 * sets; wmemset() is intercepted by no TSan runtime: the common interceptors hold wcslen, wcsnlen, wcscat, wcsncat,
 * wcsdup, wcsxfrm and the wide/multibyte conversions, but no wmemset (MemorySanitizer has one of its own; TSan none),
 * and the runtimes of clang 13 to 19 and gcc 11 and 12 export no wmemset symbol. Every one of these compilers, at
 * -O0 to -O2, calls glibc's wmemset and never writes it out, and glibc's is an IFUNC that picks a vector routine
 * inside libc, with no call TSan can catch. TSan sees main's read alone and reports nothing: a real race it
 * misses. The fix is the fix of libc/memset_fixed.c, a mutex around both.
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc InitializeCommonInterceptors
 * (LLVM 19); compiler-rt lib/msan/msan_interceptors.cpp wmemset (LLVM 19); glibc 2.36
 * sysdeps/x86_64/multiarch/wmemset.c wmemset; glibc 2.36 sysdeps/x86_64/multiarch/ifunc-wmemset.h IFUNC_SELECTOR;
 * measured only. */
#include "../casebook.h"
#include <wchar.h>

// expect-tsan: none -- misses: no TSan runtime intercepts wmemset, and glibc's writes are not instrumented
// expect-output: main read: h

static struct {
  wchar_t text[32];
} message = {L"hello"};

struct blank_out {
  wchar_t fill;
  size_t length;
};

static invisible_barrier read_done;

static void *thread_b(void *arg) {
  const struct blank_out *order = arg;
  invisible_barrier_wait(&read_done); /* main has read: the wmemset comes second */
  wmemset(message.text, order->fill, order->length); // expect-bug: data race -- main read this character unlocked
  return NULL;
}

int main(void) {
  pthread_t b;
  struct blank_out order = {L'*', 5};
  invisible_barrier_init(&read_done, 2);
  pthread_create(&b, NULL, thread_b, &order);
  wchar_t first = message.text[0];
  invisible_barrier_wait(&read_done);
  say("main read: %c", (char)first);
  pthread_join(b, NULL);
  return 0;
}
