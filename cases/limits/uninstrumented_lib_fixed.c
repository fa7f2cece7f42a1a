/* The fix, on the program's side: it tells TSan what the library's lock does, with __tsan_acquire() right
 * after ticket_lock() and __tsan_release() right before ticket_unlock() (on one address standing for the lock),
 * so each unlock now happens-before the next lock, as it really did; and it calls ticket_count() while holding
 * the lock, which ends the race TSan could not see. TSan reports nothing, and both totals are 2000.
 * Source: compiler-rt lib/tsan/rtl/tsan_interface.cpp __tsan_acquire, __tsan_release (LLVM 14). */
#include "../casebook.h"
#include "uninstrumented_lib/ticket.h"
#include <sanitizer/tsan_interface.h>

// expect-tsan: none
// expect-output: shared is 2000.
// expect-output: the library counted 2000 calls.

enum { ROUNDS = 1000 };

static int shared;
static invisible_barrier both_started, both_done;
static char ticket_lock_stands_here; /* the address TSan's annotations use for the library's lock */

static void *worker(void *unused) {
  (void)unused;
  invisible_barrier_wait(&both_started);
  for (int i = 0; i < ROUNDS; i++) {
    ticket_lock();
    __tsan_acquire(&ticket_lock_stands_here);
    shared += 1;
    ticket_count();
    __tsan_release(&ticket_lock_stands_here);
    ticket_unlock();
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
  say("the library counted %d calls.", ticket_total());
  return 0;
}

/* The acquire/release annotations describe the library's lock to TSan, and the library is built without TSan on
 * purpose; the harness is told both are meant. */
// tsan-hides: sync-annotations -- __tsan_acquire/__tsan_release stand for the uninstrumented lock
// tsan-hides: uninstrumented libcasebook_limits_uninstrumented_lib.so -- built without TSan on purpose: the lesson is what TSan cannot see
