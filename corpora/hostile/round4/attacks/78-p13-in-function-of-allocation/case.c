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
static int *make_buf(void) { return calloc(4, sizeof(int)); }
// expect-tsan: data race in make_buf
int main(void) {
  int *buf = make_buf();
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], 0, lib_worker, buf);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  printf("%d\n", buf[0]);
  free(buf);
  return 0;
}
