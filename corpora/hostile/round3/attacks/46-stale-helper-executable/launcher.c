// expect-tsan: data race in helper_bump -- the helper's known race
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
int main(void) {
  pid_t pid = fork();
  if (pid == 0) { execl(HELPER, "helper", (char *)0); _exit(127); }
  int st;
  waitpid(pid, &st, 0);
  return 0;
}
