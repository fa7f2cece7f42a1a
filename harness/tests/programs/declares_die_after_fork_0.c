/* (A copy of starts_a_thread_after_a_multithreaded_fork.c whose case declares die_after_fork=0.) The child of a multithreaded fork starts a thread. TSan kills that child ("starting new threads after
 * multi-threaded fork is not supported. Dying"), or, with die_after_fork=0, lets it run on with its main thread
 * ignored ("... you are on your own"). Either way the child's thread never ran under TSan's watch, and this case
 * does not declare the death (with an expect-tsan-dies marker): the verdict must not be "met". */
#include "invisible_barrier.h"

#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_barrier_t forked;

static void *worker(void *unused) {
  pthread_barrier_wait(&forked); /* still running when main forks */
  return unused;
}

static void *child_thread(void *unused) { return unused; }

// tsan-options: die_after_fork=0 -- the runtime then lets the child run on, unwatched
// expect-tsan: none
int main(void) {
  pthread_t thread;
  pthread_barrier_init(&forked, NULL, 2);
  pthread_create(&thread, NULL, worker, NULL);
  pid_t child = fork();
  if (child == 0) {
    pthread_t late;
    if (pthread_create(&late, NULL, child_thread, NULL) == 0)
      pthread_join(late, NULL);
    _exit(0);
  }
  pthread_barrier_wait(&forked);
  int status = 0;
  waitpid(child, &status, 0);
  printf("child status %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  pthread_join(thread, NULL);
  return 0;
}
