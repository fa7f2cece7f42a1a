/* The two unlocked ticket_note() calls of uninstrumented_lib_interceptor.c, run with TSan's
 * ignore_noninstrumented_modules=1: interceptors called from a module built without TSan are then ignored, so
 * the race between the library's two memcpy() calls goes unreported, a miss chosen by the option (a suppression
 * `called_from_lib:libcasebook_limits_uninstrumented_lib.so` does the same for one library). The program's own
 * code is still checked: its unlocked count of the notes races too, and TSan reports that one.
 * Source: compiler-rt lib/tsan/rtl/tsan_flags.inc ignore_noninstrumented_modules (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_interceptors_posix.cpp InitializeLibIgnore, ScopedInterceptor (LLVM 14). */
#include "../casebook.h"
#include "uninstrumented_lib/ticket.h"

// tsan-options: ignore_noninstrumented_modules=1
// expect-output: the last note is "second".

static int notes;
static invisible_barrier first_noted;

static void *worker(void *arg) {
  bool second = arg != NULL;
  if (second)
    invisible_barrier_wait(&first_noted); /* the second note comes after the first, every run */
  ticket_note(second ? "second" : "first"); // expect-bug: data race -- hidden by the option
  notes += 1; // expect-tsan: data race -- the program's own code is still instrumented
  if (!second)
    invisible_barrier_wait(&first_noted);
  return NULL;
}

int main(void) {
  pthread_t threads[2];
  invisible_barrier_init(&first_noted, 2);
  for (long i = 0; i < 2; i++)
    pthread_create(&threads[i], NULL, worker, (void *)i);
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  say("the last note is \"%s\".", ticket_last_note());
  return 0;
}

/* The library is the project's own and built without TSan on purpose; the harness is told so. */
// tsan-hides: uninstrumented libcasebook_limits_uninstrumented_lib.so -- built without TSan on purpose: the lesson is what TSan cannot see
