/* signals.c: the held set of signals, and where a signal came from. */
#include "signals.h"

#include <fcntl.h>
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

/* The parent of `pid` from /proc/PID/stat ("pid (comm) state ppid ..."), or -1 when it is gone. */
static long parent_of(long pid) {
  char path[64], stat[512];
  snprintf(path, sizeof path, "/proc/%ld/stat", pid);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  ssize_t got = read(fd, stat, sizeof stat - 1);
  close(fd);
  if (got <= 0)
    return -1;
  stat[got] = '\0';
  const char *comm_end = strrchr(stat, ')');
  char state;
  long ppid;
  return comm_end && sscanf(comm_end + 1, " %c %ld", &state, &ppid) == 2 ? ppid : -1;
}

bool is_descendant(long pid) {
  long self = (long)getpid();
  /* A chain longer than pid_max would be a loop read while processes came and went. */
  for (int depth = 0; pid > 1 && depth < 4 * 1024 * 1024; depth++) {
    long parent = parent_of(pid);
    if (parent == self)
      return true;
    if (parent <= 0 || parent == pid)
      return false;
    pid = parent;
  }
  return false;
}
