/* signals.c: the held set of signals, and where a signal came from. */
#include "base/signals.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The signals whose default action is to ignore them (signal(7): SIGCHLD, SIGCONT, SIGURG, SIGWINCH), and the two
 * that cannot be caught; every other signal ends or stops a process. */
static bool default_ignores_or_uncatchable(int signal_number) {
  return signal_number == SIGCHLD || signal_number == SIGCONT || signal_number == SIGURG || signal_number == SIGWINCH ||
         signal_number == SIGKILL || signal_number == SIGSTOP;
}

void held_signal_set(sigset_t *set) {
  sigemptyset(set);
  for (int signal_number = 1; signal_number <= SIGRTMAX; signal_number++) {
    /* glibc keeps the real-time signals below SIGRTMIN for its threads (sigaddset refuses them). */
    if (signal_number > SIGSYS && signal_number < SIGRTMIN)
      continue;
    if (!default_ignores_or_uncatchable(signal_number))
      sigaddset(set, signal_number);
  }
}

void hold_signals(void) {
  sigset_t set;
  held_signal_set(&set);
  sigprocmask(SIG_BLOCK, &set, NULL);
  signal(SIGPIPE, SIG_IGN);
}

void act_on_signal(int received) {
  if (!received)
    return;
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, received);
  signal(received, SIG_DFL);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  raise(received);
}

bool signal_stops(int signal_number) {
  return signal_number == SIGTSTP || signal_number == SIGTTIN || signal_number == SIGTTOU;
}

void signal_spelling(int signal_number, char name[static 32]) {
  const char *abbreviation = sigabbrev_np(signal_number);
  if (abbreviation)
    snprintf(name, 32, "SIG%s", abbreviation);
  else if (signal_number >= SIGRTMIN && signal_number <= SIGRTMAX)
    snprintf(name, 32, "SIGRTMIN+%d", signal_number - SIGRTMIN);
  else
    snprintf(name, 32, "signal %d", signal_number);
}
