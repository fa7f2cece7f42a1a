/* A SIGCHLD handler reaps finished child processes with waitpid() until none is left; the last call fails
 * and sets errno to ECHILD. The handler does not save and restore errno, so the code it interrupted can find
 * errno changed between a failing call and its check. TSan sets errno to a marker value before it runs a
 * handler for a signal from outside and reports a signal handler that spoils errno when the value changed,
 * pointing at the handler itself. (A signal a thread sends itself is exempt, hence the real child here.)
 * Source: POSIX.1-2017 XSH 2.4.3; POSIX.1-2017 waitpid(); compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp
 * CallUserSignalHandler, is_sync_signal, pthread_kill (LLVM 14). */
#include "../casebook.h"
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

// expect-output: Main: reaped 1 child.

static volatile sig_atomic_t reaped;

static void on_child_exit(int sig) { // expect-tsan: signal handler spoils errno -- the last waitpid() left ECHILD
  (void)sig;
  while (waitpid(-1, NULL, WNOHANG) > 0)
    reaped += 1;
}

int main(void) {
  sigset_t child_blocked, wait_mask;
  sigemptyset(&child_blocked);
  sigaddset(&child_blocked, SIGCHLD);
  sigprocmask(SIG_BLOCK, &child_blocked, &wait_mask); /* SIGCHLD waits until sigsuspend() below */
  signal(SIGCHLD, on_child_exit);
  if (fork() == 0)
    _exit(0);
  while (reaped == 0)
    sigsuspend(&wait_mask);
  say("Main: reaped %d child.", (int)reaped);
  return 0;
}
