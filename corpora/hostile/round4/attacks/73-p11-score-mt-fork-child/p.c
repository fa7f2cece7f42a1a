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
int main(void) {
  pthread_t keep;
  pthread_create(&keep, 0, bump, 0);   /* parent is multithreaded at the fork */
  pid_t p = fork();
  if (p == 0) { race_in_threads(); _exit(0); }
  int st; waitpid(p, &st, 0);
  pthread_join(keep, 0);
  return 0;
}
