#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>
int main(void) {
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) { execl(HELPER, "helper", (char *)0); _exit(127); }
  int st; waitpid(c, &st, 0);
  return WEXITSTATUS(st) == 0 ? 0 : 3;
}
