/* The fix: the counter is a lock-free atomic_int, and both the handler and main add to it with one
 * atomic_fetch_add, which a signal cannot split: it lands before the update or after it, never inside. C11 lets a
 * handler use a lock-free atomic object, so the program is defined, and both events are counted. TSan reports
 * nothing, as it did for the mistake, now rightly.
 * Source: C11 7.14.1.1p5; C11 7.17.7.5p2. */
#include "../casebook.h"
#include <signal.h>
#include <stdatomic.h>

// expect-tsan: none
// expect-output: Main: 2 events counted, 2 happened.

static atomic_int events;

static void on_event(int signo) {
  (void)signo;
  atomic_fetch_add(&events, 1);
}

static void count_event(void) {
  raise(SIGUSR1); /* stands for a signal that lands just before the update: none can land inside it */
  atomic_fetch_add(&events, 1);
}

int main(void) {
  struct sigaction action = {.sa_handler = on_event};
  sigaction(SIGUSR1, &action, NULL);
  count_event();
  say("Main: %d events counted, 2 happened.", atomic_load(&events));
  return 0;
}
