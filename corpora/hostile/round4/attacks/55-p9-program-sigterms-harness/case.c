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
int main(void) {
  kill(getppid(), SIGTERM);
  race_in_threads();
  kill(getppid(), SIGTERM);
  printf("%d\n", racy);
  return 0;
}
