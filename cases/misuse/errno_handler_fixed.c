/* The fix: the handler saves errno on entry and restores it before it returns, so the failed waitpid() at
 * the end of the loop leaves no trace in the code it interrupted. TSan finds errno as it left it and reports
 * nothing.
 * Source: POSIX.1-2017 XSH 2.4.3; compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp CallUserSignalHandler (LLVM 14).
 * */
#include "../casebook.h"
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

// expect-tsan: none
// expect-output: Main: reaped 1 child.

static volatile sig_atomic_t reaped;

static void on_child_exit(int sig) {
  (void)sig;
  int saved_errno = errno;
  while (waitpid(-1, NULL, WNOHANG) > 0)
    reaped += 1;
  errno = saved_errno;
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
