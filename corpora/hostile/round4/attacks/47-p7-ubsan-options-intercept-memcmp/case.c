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
char buf[16];
static void *worker(void *a) { (void)a; buf[3] = 'x'; return 0; }
// expect-tsan: none
int main(void) {
  char other[16] = {0};
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  volatile int r = memcmp(buf, other, sizeof buf);
  pthread_join(t, 0);
  printf("%d\n", r != 0);
  return 0;
}
