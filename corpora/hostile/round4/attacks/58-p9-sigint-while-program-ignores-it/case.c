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
  signal(SIGINT, SIG_IGN); signal(SIGTERM, SIG_IGN); signal(SIGHUP, SIG_IGN);
  sleep(4);
  const char *d = getenv("TMPDIR");
  char path[512]; snprintf(path, sizeof path, "%s/program-survived-the-harness", d ? d : "/tmp");
  FILE *f = fopen(path, "w"); if (f) fclose(f);
  return 0;
}
