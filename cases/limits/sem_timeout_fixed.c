/* The fix: giving up on the reply does not end the worker's use of the request, so the owner joins the worker
 * before it destroys the semaphore and frees the request. The join orders the worker's late post before both,
 * and POSIX allows destroying a semaphore on which no thread is blocked. TSan, which could not see the mistake,
 * reports nothing here either, now rightly.
 * Source: POSIX.1-2017 sem_destroy(); POSIX.1-2017 pthread_join(). */
#include "../casebook.h"
#include <errno.h>
#include <semaphore.h>

// expect-tsan: none
// expect-output: Owner: no reply in time, giving up.

struct request {
  char text[32]; /* the request itself; the semaphore after it, clear of malloc's own words in a freed block */
  sem_t replied;
};
static invisible_barrier gave_up;

static void *worker(void *arg) {
  struct request *request = arg;
  invisible_barrier_wait(&gave_up); /* a slow worker: it answers after the owner's deadline */
  sem_post(&request->replied);
  return NULL;
}

int main(void) {
  pthread_t thread;
  struct request *request = malloc(sizeof *request);
  if (request == NULL)
    return 1;
  sem_init(&request->replied, 0, 0);
  invisible_barrier_init(&gave_up, 2);
  pthread_create(&thread, NULL, worker, request);
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_nsec += 10 * 1000 * 1000;
  if (deadline.tv_nsec >= 1000 * 1000 * 1000) {
    deadline.tv_sec += 1;
    deadline.tv_nsec -= 1000 * 1000 * 1000;
  }
  while (sem_timedwait(&request->replied, &deadline) != 0 && errno == EINTR)
    continue;
  say("Owner: no reply in time, giving up.");
  invisible_barrier_wait(&gave_up);
  pthread_join(thread, NULL);
  sem_destroy(&request->replied);
  free(request);
  return 0;
}
