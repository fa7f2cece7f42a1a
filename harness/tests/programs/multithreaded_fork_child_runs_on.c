/* The child of a fork made while another thread runs does its work and leaves with _exit, without exec: the way a
 * pre-fork worker pool or a test of fork safety does. TSan ignores every access, lock and interceptor in that child
 * (tsan_rtl.cpp ForkChildAfter), so the child's race below is never seen: "none" must not be met. */
#include "invisible_barrier.h"

#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_barrier_t forked;
static int counter;

static void *worker(void *unused) {
  pthread_barrier_wait(&forked); /* still running when main forks */
  return unused;
}

static void *bump(void *unused) {
  counter++;
  return unused;
}

// expect-tsan: none
int main(void) {
  pthread_t thread;
  pthread_barrier_init(&forked, NULL, 2);
  pthread_create(&thread, NULL, worker, NULL);
  pid_t child = fork();
  if (child == 0) {
    bump(NULL); /* unwatched: a race here would go unseen */
    _exit(counter == 1 ? 0 : 1);
  }
  pthread_barrier_wait(&forked);
  int status = 0;
  waitpid(child, &status, 0);
  printf("child status %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  pthread_join(thread, NULL);
  return 0;
}
