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
#include <sanitizer/tsan_interface.h>
/* a "lock" that does not exclude, announced to TSan as a mutex */
static int lockword;
static void my_lock(void) { __tsan_mutex_pre_lock(&lockword, 0); __tsan_mutex_post_lock(&lockword, 0, 0); }
static void my_unlock(void) { __tsan_mutex_pre_unlock(&lockword, 0); __tsan_mutex_post_unlock(&lockword, 0); }
int shared;
static void *worker(void *a) { (void)a; my_lock(); shared++; my_unlock(); return 0; }
// expect-tsan: none
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  my_lock(); shared++; my_unlock();
  pthread_join(t, 0);
  printf("%d\n", shared);
  return 0;
}
