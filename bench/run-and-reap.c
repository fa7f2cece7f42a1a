/* run-and-reap: runs a command and waits for every process it started, as tsan-verify does (TSan's symbolizer
 * outlives the program by a little): the fair baseline for the harness's overhead. Exit status: the command's. */
#include <errno.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: run-and-reap COMMAND [ARGS...]\n");
    return 2;
  }
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  pid_t child = fork();
  if (child == 0) {
    execvp(argv[1], argv + 1);
    perror(argv[1]);
    _exit(127);
  }
  int status = 0, code = 127;
  pid_t done;
  while ((done = wait(&status)) > 0 || errno == EINTR)
    if (done == child)
      code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return code;
}
