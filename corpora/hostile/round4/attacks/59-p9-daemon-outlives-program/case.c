#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <sys/syscall.h>
// expect-tsan: none
int main(void) {
  pid_t p = fork();
  if (p == 0) {
    setsid();
    if (fork() == 0) {
      close(0); close(1); close(2);
      sleep(12);
      _exit(0);
    }
    _exit(0);
  }
  int st; waitpid(p, &st, 0);
  puts("main done");
  return 0;
}
