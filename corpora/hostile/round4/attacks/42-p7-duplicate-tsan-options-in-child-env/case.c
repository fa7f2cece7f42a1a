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

static int racy;
static void *bump(void *a) { (void)a; for (int i = 0; i < 100; i++) racy++; return 0; }
static void race_in_threads(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, bump, 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
}
// expect-tsan: none
extern char **environ;
int main(int argc, char **argv) {
  if (argc > 1) { race_in_threads(); return 0; }
  int n = 0; while (environ[n]) n++;
  char **env = calloc(n + 2, sizeof *env);
  env[0] = "TSAN_OPTIONS=report_bugs=0";
  for (int i = 0; i < n; i++) env[i + 1] = environ[i];
  pid_t p = fork();
  if (p == 0) { char *args[] = {argv[0], "child", 0}; execve("/proc/self/exe", args, env); _exit(127); }
  int st; waitpid(p, &st, 0);
  return WEXITSTATUS(st);
}
