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
void take_ab(pthread_mutex_t *a, pthread_mutex_t *b);
int main(void) {
  pthread_mutex_t m1, m2;
  pthread_mutex_init(&m1, 0); // expect-tsan: lock-order-inversion
  pthread_mutex_init(&m2, 0); // expect-tsan: lock-order-inversion
  take_ab(&m1, &m2);
  take_ab(&m2, &m1);
  puts("done");
  return 0;
}
