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
void __sanitizer_set_report_fd(void *fd);
int shared;
static void *worker(void *a) { (void)a; shared = 7; return 0; }
// expect-tsan: none
int main(void) {
  __sanitizer_set_report_fd((void *)(long)open("/dev/null", O_WRONLY));
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  shared = 8;
  pthread_join(t, 0);
  printf("%d\n", shared);
  return 0;
}
