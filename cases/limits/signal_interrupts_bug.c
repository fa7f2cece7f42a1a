/* The mistake: a signal handler and the code it interrupts update the same plain counter. The signal lands between
 * main's load of `events` and its store, the handler adds one, and main's store writes its stale sum over it: two
 * events are counted as one. C11 makes a handler's access to a static object that is neither a lock-free atomic nor
 * a volatile sig_atomic_t it assigns undefined, for this reason. TSan reports nothing: it runs the handler as the
 * thread it interrupted, with that thread's own clock, so the handler's accesses and main's are one thread's and
 * can never race (misuse/signal_flag_bug.c is the race TSan does see, with the handler on another thread).
 * Source: C11 7.14.1.1p5; compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp CallUserSignalHandler, sighandler,
 * raise (LLVM 14). */
#include "../casebook.h"
#include <signal.h>

// expect-tsan: none -- misses: the handler runs on the thread it interrupts, so TSan sees one thread
// expect-output: Main: 1 events counted, 2 happened.

static int events;

static void on_event(int signo) {
  (void)signo;
  events += 1; // expect-bug: data race -- the handler updates the counter main is in the middle of updating
}

static void count_event(void) {
  int seen = events;
  raise(SIGUSR1); /* stands for a signal that lands between the load and the store */
  events = seen + 1;
}

int main(void) {
  struct sigaction action = {.sa_handler = on_event};
  sigaction(SIGUSR1, &action, NULL);
  count_event();
  say("Main: %d events counted, 2 happened.", events);
  return 0;
}
