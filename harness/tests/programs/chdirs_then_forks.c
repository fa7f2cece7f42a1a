/* Changes to / and then forks a child, whose TSan runtime opens its own log after the fork: with a log path relative
 * to the folder the harness started in, the child could not open it. Correct: no report. */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

// expect-tsan: none
int main(void) {
  if (chdir("/") != 0)
    return 3;
  pid_t child = fork();
  if (child == 0)
    exit(0);
  int status;
  waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 4;
}
