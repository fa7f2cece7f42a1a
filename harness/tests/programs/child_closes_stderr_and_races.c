/* The race happens in a forked child that first closes its stderr; the parent waits and exits 0 whatever the child
 * says. Marked `none`: only a harness that reads the child's own TSan log sees the race. */
#include "invisible_barrier.h"

#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

int counter;

static void *worker(void *arg) {
  (void)arg;
  counter = 1;
  overlap_wait();
  overlap_wait();
  return NULL;
}

// expect-tsan: none
int main(void) {
  pid_t child = fork();
  if (child == 0) {
    close(STDERR_FILENO);
    pthread_t thread;
    overlap_init();
    pthread_create(&thread, NULL, worker, NULL);
    overlap_wait();
    counter = 2;
    overlap_wait();
    pthread_join(thread, NULL);
    return 0;
  }
  waitpid(child, NULL, 0);
  return 0;
}
