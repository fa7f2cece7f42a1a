#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>
// expect-tsan: none
int main(void) {
  pid_t harness = getppid();
  pid_t c = fork();
  if (c == 0) {
    if (fork() == 0) { setsid(); union sigval v = {42}; sigqueue(harness, SIGUSR1, v);
      kill(harness, SIGHUP); kill(harness, SIGXCPU); kill(harness, SIGALRM); _exit(0); }
    _exit(0);
  }
  waitpid(c, 0, 0);
  sleep(1);
  return 0;
}
