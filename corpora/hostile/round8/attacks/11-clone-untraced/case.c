// expect-tsan: none
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
int g;
void *w(void *a) { g++; return 0; }
static char stk[1 << 16];
static char **av;
static int child(void *x) { execl("/proc/self/exe", av[0], "race", (char *)0); _exit(9); }
int main(int argc, char **argv) {
  av = argv;
  if (argc > 1 && !strcmp(argv[1], "race")) {
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, w, 0);
    for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
    return 0;
  }
  pid_t p = clone(child, stk + sizeof stk, CLONE_UNTRACED | SIGCHLD, 0);
  int st; waitpid(p, &st, 0);
  printf("child %d\n", st);
  return 0;
}
