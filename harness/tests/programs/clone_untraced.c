/* A child started with clone(CLONE_UNTRACED), which ptrace's fork events would not attach. It execs this program in
 * "race" mode, which races; the parent waits for it and exits 0. Truth: a race. */
#include "hostile.h"
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>

// expect-tsan: none
int main(int argc, char **argv) {
  RACE_MODE(argc, argv);
  const char *self = self_path();
  long pid = syscall(SYS_clone, CLONE_UNTRACED | SIGCHLD, 0, 0, 0, 0);
  if (pid == 0) {
    execl(self, self, "race", (char *)NULL);
    _exit(127);
  }
  int status;
  waitpid((pid_t)pid, &status, 0);
  usleep(500000); /* let the untraced child's own symbolizer end too */
  printf("child status %d\n", status);
  return 0;
}
