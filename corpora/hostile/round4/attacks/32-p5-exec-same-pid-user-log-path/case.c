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
int main(int argc, char **argv) {
  if (argc > 1) { puts("second image, clean"); return 0; }
  race_in_threads();
  fflush(stdout);
  execl("/proc/self/exe", argv[0], "again", (char *)0);
  return 1;
}
