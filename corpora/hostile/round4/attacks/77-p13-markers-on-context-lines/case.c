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
void *lib_worker(void *p);
int main(void) {
  int *buf = calloc(4, sizeof *buf); // expect-tsan: data race
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], 0, lib_worker, buf); // expect-tsan: data race
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  printf("%d\n", buf[0]);
  free(buf);
  return 0;
}
