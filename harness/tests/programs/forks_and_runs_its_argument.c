/* Forks a child that execs its arguments (argv[1] with argv[2...]), waits for it and exits 0. Truth: whatever the
 * child does. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

// expect-tsan: none
int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  pid_t pid = fork();
  if (pid == 0) {
    execv(argv[1], argv + 1);
    _exit(127);
  }
  int status;
  waitpid(pid, &status, 0);
  printf("child status %d\n", status);
  return 0;
}
