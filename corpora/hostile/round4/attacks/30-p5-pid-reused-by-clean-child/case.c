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
static void set_last(pid_t p) {
  FILE *f = fopen("/proc/sys/kernel/ns_last_pid", "w");
  if (f) { fprintf(f, "%d", (int)p - 1); fclose(f); }
}
int main(void) {
  pid_t a = fork();
  if (a == 0) { race_in_threads(); _exit(0); }
  int st; waitpid(a, &st, 0);
  for (int i = 0; i < 3; i++) {
    set_last(a);
    pid_t b = fork();
    if (b == 0) { _exit(0); }
    waitpid(b, &st, 0);
    printf("first child %d, reused pid %d\n", (int)a, (int)b);
  }
  return 0;
}
