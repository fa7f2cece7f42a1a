/* Closes every descriptor above stderr (as daemons and some test runners do), then races: TSan's own log file is
 * among them. HOSTILE_REOPEN=1 then opens a file of its own, which takes the log's descriptor number. */
#include "invisible_barrier.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
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
  for (int fd = 3; fd < 1024; fd++)
    close(fd);
  if (getenv("HOSTILE_REOPEN"))
    open("/dev/null", O_WRONLY);
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  counter = 2;
  overlap_wait();
  pthread_join(thread, NULL);
  return 0;
}
