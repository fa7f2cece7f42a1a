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
void sync_publish(void);
void sync_wait(void);
#define PUBLISH() sync_publish()
#define WAIT() sync_wait()
// expect-tsan: none

int data;
int flag;
static void *producer(void *a) {
  (void)a;
  data = 42;
  PUBLISH();
  return 0;
}
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, producer, 0);
  WAIT();
  printf("%d\n", data);
  pthread_join(t, 0);
  return 0;
}
