/* main needs the worker's result and waits for it by spinning on a plain bool, `ready`, yielding the CPU
 * between looks: a busy wait where a condition variable would let main sleep until it is told (see the fix).
 * A plain flag is no synchronization either (nor would `volatile` be: misuse/volatile_flag_bug.c): the worker's
 * write of `ready` races with main's reads of it, and since nothing orders the worker's write of `result`
 * before main's read, TSan reports two data races, one on each.
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14); C11 5.1.2.4p25. */
#include "../casebook.h"
#include <sched.h>

// expect-output: main: the result is 42.

struct mailbox {
  long result;
  _Alignas(8) bool ready; /* its own 8-byte shadow cell, so its race is reported apart from the result's */
};

static invisible_barrier first_look; /* makes the report the same every run; it orders nothing for TSan */

static void *worker(void *arg) {
  struct mailbox *box = arg;
  box->result = 6 * 7;
  invisible_barrier_wait(&first_look); /* main has looked at the flag once */
  box->ready = true; // expect-tsan: data race -- main reads the flag with no lock
  return NULL;
}

int main(void) {
  static struct mailbox box;
  pthread_t thread;
  invisible_barrier_init(&first_look, 2);
  pthread_create(&thread, NULL, worker, &box); /* box's address escapes to the worker */
  bool ready = box.ready;
  invisible_barrier_wait(&first_look);
  while (!ready) {
    sched_yield();     /* an opaque call, and box has escaped: for all the compiler knows, the call */
    ready = box.ready; /* changed box.ready, so it must load it again (with no call it could load it once) */
  }
  say("main: the result is %ld.", box.result); // expect-tsan: data race -- nothing ordered the write before this
  pthread_join(thread, NULL);
  return 0;
}
