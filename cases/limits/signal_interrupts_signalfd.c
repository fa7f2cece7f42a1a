/* The other fix for signal_interrupts_bug.c: no handler at all. SIGUSR1 is blocked, so when it arrives in the middle
 * of main's update it only becomes pending, and main reads it later as data from a signalfd (Linux) in its own
 * loop and counts it there. Nothing interrupts the update, so the counter may stay a plain int, and both events are
 * counted. TSan reports nothing, rightly: every access is main's.
 * Source: POSIX.1-2017 pthread_sigmask(); POSIX.1-2017 XSH 2.4.1. */
#include "../casebook.h"
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

// expect-tsan: none
// expect-output: Main: 2 events counted, 2 happened.

static int events;

static void count_event(void) {
  int seen = events;
  raise(SIGUSR1); /* stands for a signal that arrives between the load and the store: it waits, blocked */
  events = seen + 1;
}

int main(void) {
  sigset_t usr1;
  sigemptyset(&usr1);
  sigaddset(&usr1, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &usr1, NULL);
  int signals = signalfd(-1, &usr1, SFD_NONBLOCK | SFD_CLOEXEC);
  if (signals < 0) {
    perror("signalfd");
    return 1;
  }
  count_event();
  struct signalfd_siginfo info;
  while (read(signals, &info, sizeof info) == (ssize_t)sizeof info)
    events += 1; /* the signal's event, counted by main between its own updates */
  close(signals);
  say("Main: %d events counted, 2 happened.", events);
  return 0;
}
