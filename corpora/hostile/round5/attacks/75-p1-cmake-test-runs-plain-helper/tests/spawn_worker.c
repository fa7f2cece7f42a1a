#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
extern char **environ;
// expect-tsan: none
// expect-output: helper:
int main(int argc, char **argv) {
  if (argc < 2) return 5;
  fflush(stdout);
  char *wargv[] = {"worker", 0};
  pid_t pid;
  if (posix_spawn(&pid, argv[1], 0, 0, wargv, environ)) return 3;
  int st; waitpid(pid, &st, 0);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 4;
}
