// expect-tsan: none
/* A helper task started with clone(CLONE_VM) (a process that shares memory,
   as old thread libraries made them) bumps the counter main bumps too. */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
int counter;
static int task(void *a) {
  counter++;
  syscall(SYS_exit, 0);
  return 0;
}
int main(void) {
  char *stack = malloc(1 << 16);
  pid_t pid = clone(task, stack + (1 << 16), CLONE_VM | SIGCHLD, 0);
  counter++;
  waitpid(pid, 0, 0);
  printf("%d\n", counter);
  return 0;
}
