/* A forked child races and ends; once it is reaped, clone3's set_tid (root only) starts a new process with the very
 * same pid, which ends cleanly (HOSTILE_REUSE=exec: execs this program to run clean). TSan names each log by pid
 * (log_path=DIR/tsan gives DIR/tsan.PID), so the clean process's runtime truncates the log that holds the child's
 * race, unless the harness set that log aside when the child ended. Marked `none`: the race must still be seen.
 * Prints "pid reused" when the second process got the first one's pid, so a test can tell a run that proved
 * nothing. */
#define _GNU_SOURCE
#include "hostile.h"

#include <errno.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>

extern char **environ;

// expect-tsan: none
int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "clean") == 0)
    return 0; /* the process with the reused pid: nothing to report */
  pid_t racer = fork();
  if (racer == 0) {
    race_on_a_counter();
    return 0; /* TSan's exitcode, 66, after the report */
  }
  int status;
  waitpid(racer, &status, 0); /* reaped: its pid is free again */
  pid_t wanted = racer;
  struct clone_args args = {.exit_signal = SIGCHLD, .set_tid = (uint64_t)(uintptr_t)&wanted, .set_tid_size = 1};
  long again = syscall(SYS_clone3, &args, sizeof args);
  if (again == 0) {
    /* The parent has one thread: the copy TSan's runtime gets is consistent enough to finish, and its exit
     * statistics go to DIR/tsan.PID, the racer's log. */
    const char *how = getenv("HOSTILE_REUSE");
    if (how && strcmp(how, "exec") == 0) {
      char *clean_argv[] = {argv[0], "clean", NULL};
      syscall(SYS_execve, "/proc/self/exe", clean_argv, environ);
      syscall(SYS_exit_group, 127);
    }
    return 0;
  }
  if (again < 0) {
    printf("clone3 with set_tid failed: %s\n", strerror(errno));
    return 3;
  }
  waitpid((pid_t)again, &status, 0);
  printf("%s (%d, then %ld)\n", again == racer ? "pid reused" : "pid not reused", racer, again);
  return 0;
}
