/* Closes its own stderr, then races: TSan's report and its Stats lines have nowhere to go. Marked `none`, so only
 * the missing proof that TSan watched stands between this program and a false pass. */
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
