/* An uninstrumented library is not wholly invisible. Its own loads and stores never reach TSan, but the libc
 * functions it calls are found by symbol, and TSan's interceptors catch them whoever the caller is: two threads
 * call the library's ticket_note(), which memcpy()s into its one message buffer with no lock, and TSan reports a
 * data race between the two memcpy() calls. Each stack is the interceptor's frame and the library's: the
 * interceptor enters a frame at its caller's return address itself (no unwinding, so no frame pointer is needed),
 * while the line in this file that called the library is missing, since TSan records a call only when the callee
 * is instrumented; this file appears only in the threads' creation stacks, which pin nothing, so the marker pins
 * the race by function: the innermost frame with a source line (ignore_noninstrumented_modules=1 would hide the
 * race: uninstrumented_lib_ignored.c). Which function that is depends on two things: the library is built as one
 * builds code for complete stacks, with -fno-optimize-sibling-calls (cases/CMakeLists.txt), since
 * without it clang 15 and later end ticket_note() with a jump to memcpy, the return address is worker's, and the
 * stack reads memcpy, then worker at the call (measured); and that the runtime's own frames never count: clang
 * links in a runtime archive without line tables (`memcpy <null>`), while gcc's shared libtsan (Debian's libtsan0
 * and libtsan2, measured with readelf) keeps its .debug_line (`memcpy sanitizer_common_interceptors.inc:827`), a
 * line of the runtime's, not the program's, so on both the function is ticket_note.
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc memcpy (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_interceptors.h SCOPED_INTERCEPTOR_RAW (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_interceptors_posix.cpp ScopedInterceptor::ScopedInterceptor (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_report.cpp ReportRace (LLVM 14); llvm lib/Transforms/Instrumentation/ThreadSanitizer.cpp
 * sanitizeFunction (LLVM 14); clang docs/AddressSanitizer.rst Usage (LLVM 14); gcc 12
 * libsanitizer/tsan/tsan_interceptors_posix.cpp ScopedInterceptor::ScopedInterceptor; gcc 12
 * libsanitizer/sanitizer_common/sanitizer_common_interceptors.inc memcpy; measured only. */
#include "../casebook.h"
#include "uninstrumented_lib/ticket.h"

// expect-output: the last note is "second".

static invisible_barrier first_noted;

static void *worker(void *arg) {
  bool second = arg != NULL;
  if (second)
    invisible_barrier_wait(&first_noted); /* the second note comes after the first, every run */
  ticket_note(second ? "second" : "first");
  if (!second)
    invisible_barrier_wait(&first_noted);
  return NULL;
}

int main(void) {
  pthread_t threads[2];
  invisible_barrier_init(&first_noted, 2);
  for (long i = 0; i < 2; i++)
    pthread_create(&threads[i], NULL, worker, (void *)i); // expect-bug: data race -- the race is in ticket_note, this file only creates its threads
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  say("the last note is \"%s\".", ticket_last_note());
  return 0;
}
// expect-tsan: data race in ticket_note -- both memcpy() calls, each stack ending at the library's frame
// tsan-hides: uninstrumented libcasebook_limits_uninstrumented_lib.so -- built without TSan on purpose: the lesson is what TSan cannot see
