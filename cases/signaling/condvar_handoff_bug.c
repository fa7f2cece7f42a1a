/* main needs the worker's result and waits for it by spinning on a plain bool, `ready`, yielding the CPU
 * between looks. A plain flag is no synchronization: the worker's write of `ready` races with main's reads of
 * it, and since nothing orders the worker's write of `result` before main's read either, TSan reports two data
 * races, one on each. Spinning also burns a CPU that a condition variable would let sleep (see the fix). */
#include "../casebook.h"
#include <sched.h>

// expect-output: main: the result is 42.

struct mailbox {
  long result;
  _Alignas(8) bool ready; /* its own 8-byte shadow cell, so its race is reported apart from the result's */
};

static void *worker(void *arg) {
  struct mailbox *box = arg;
  box->result = 6 * 7;
  box->ready = true; // expect-tsan: data race -- main reads the flag with no lock
  return NULL;
}

int main(void) {
  static struct mailbox box;
  pthread_t thread;
  pthread_create(&thread, NULL, worker, &box); /* box's address escapes, so the loop must reload the flag */
  while (!box.ready)
    sched_yield();
  say("main: the result is %ld.", box.result); // expect-tsan: data race -- nothing ordered the write before this
  pthread_join(thread, NULL);
  return 0;
}
