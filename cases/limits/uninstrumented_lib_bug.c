/* Two threads use a library that was built without -fsanitize=thread (cases/limits/uninstrumented_lib/). Each
 * adds to the program's `shared` under the library's own lock, ticket_lock(), a correct spinlock of atomic
 * builtins, but TSan sees neither the lock nor the unlock, so it reports a data race on `shared`: a false
 * positive. And each calls ticket_count(), whose plain, unlocked `calls += 1` inside the library really races,
 * but no access in the library is instrumented: a miss. An uninstrumented library hides its synchronization and
 * its bugs alike. The fix tells TSan what the lock does and calls the counter under it.
 * Source: llvm lib/Transforms/Instrumentation/ThreadSanitizer.cpp sanitizeFunction (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14). */
#include "../casebook.h"
#include "uninstrumented_lib/ticket.h"

// expect-output: shared is 2000.

enum { ROUNDS = 1000 };

static int shared;
static invisible_barrier both_started, both_done;

static void *worker(void *unused) {
  (void)unused;
  invisible_barrier_wait(&both_started);
  for (int i = 0; i < ROUNDS; i++) {
    ticket_lock();
    shared += 1; // expect-tsan: data race -- false positive: TSan does not see the library's lock
    ticket_unlock();
    ticket_count(); // expect-bug: data race -- the library's unlocked count, which TSan cannot see
  }
  invisible_barrier_wait(&both_done); /* the stay-alive rule of casebook.h */
  return NULL;
}

int main(void) {
  pthread_t threads[2];
  invisible_barrier_init(&both_started, 2);
  invisible_barrier_init(&both_done, 2);
  for (int i = 0; i < 2; i++)
    pthread_create(&threads[i], NULL, worker, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  say("shared is %d.", shared);
  return 0;
}

/* The library is the project's own and built without TSan on purpose; the harness is told so. */
// tsan-hides: uninstrumented libcasebook_limits_uninstrumented_lib.so -- built without TSan on purpose: the lesson is what TSan cannot see
