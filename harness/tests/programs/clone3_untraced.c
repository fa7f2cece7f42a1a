/* The same as clone_untraced.c through clone3: its flags lie in a struct clone_args in memory, which no seccomp
 * filter can read, so the harness reads and clears them at the call's stop. Truth: a race. */
#include "hostile.h"
#include <linux/sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>

// expect-tsan: none
int main(int argc, char **argv) {
  RACE_MODE(argc, argv);
  const char *self = self_path();
  struct clone_args args = {.flags = CLONE_UNTRACED, .exit_signal = SIGCHLD};
  long pid = syscall(SYS_clone3, &args, sizeof args);
  if (pid == 0) {
    execl(self, self, "race", (char *)NULL);
    _exit(127);
  }
  if (pid < 0) {
    perror("clone3");
    return 3;
  }
  int status;
  waitpid((pid_t)pid, &status, 0);
  usleep(500000); /* let an untraced child's own symbolizer end too */
  printf("child status %d\n", status);
  return 0;
}
