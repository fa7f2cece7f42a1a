#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>
// expect-tsan: none
// expect-output: helper:
int main(void) {
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) { execl("./helper", "helper", (char *)0); _exit(127); }
  int st; waitpid(c, &st, 0);
  return WEXITSTATUS(st);
}
