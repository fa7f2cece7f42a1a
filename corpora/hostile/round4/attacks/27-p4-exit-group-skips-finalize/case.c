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
int shared;
static void *worker(void *a) {
  (void)a;
  shared = 7; // expect-tsan: data race
  return 0;
}
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  shared = 8; // expect-tsan: data race
  pthread_join(t, 0);
  syscall(SYS_exit_group, 0);
  return 0;
}
