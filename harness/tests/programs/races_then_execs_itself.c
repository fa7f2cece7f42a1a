/* Races, then execs itself with an argument that makes the new image exit cleanly: the new runtime reuses the pid,
 * and would truncate the log file that holds the race. Marked `none`: the race must still be seen. */
#include "invisible_barrier.h"

#include <pthread.h>
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
int main(int argc, char **argv) {
  if (argc > 1)
    return 0; /* the new image: nothing to report */
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  counter = 2;
  overlap_wait();
  pthread_join(thread, NULL);
  execl("/proc/self/exe", argv[0], "again", (char *)NULL);
  return 127;
}
