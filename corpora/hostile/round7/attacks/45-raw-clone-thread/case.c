#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
int counter;
static int child(void *arg) { (void)arg; for (int i = 0; i < 1000; i++) counter++; return 0; }
// expect-tsan: none
int main(void) {
  char *stack = malloc(1 << 16);
  int pid = clone(child, stack + (1 << 16), CLONE_VM | SIGCHLD, NULL);
  for (int i = 0; i < 1000; i++) counter++;
  waitpid(pid, NULL, 0);
  printf("%d\n", counter);
  return 0;
}
