/* Sends its own stderr to /dev/null (dup2), then races: TSan's report and its Stats lines vanish. Marked `none`,
 * so only the missing proof that TSan watched stands between this program and a false pass. */
#include <fcntl.h>
#include <pthread.h>
#include "invisible_barrier.h"
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
  dup2(open("/dev/null", O_WRONLY), STDERR_FILENO);
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  counter = 2;
  overlap_wait();
  pthread_join(thread, NULL);
  return 0;
}
