/* The mistake: the owner waits for the worker's reply with a timeout, gives up, and destroys and frees the request
 * while the worker may still post its semaphore; that post writes freed memory (and destroying a semaphore that
 * another thread may still use is undefined). TSan reports nothing: its semaphore interceptors only release or
 * acquire on the semaphore's address and never check its memory, so a post into a freed block is no access for it
 * (unlike signaling/cond_destroy_bug.c, where pthread_cond_signal reads the condition variable for TSan). The worker
 * touches nothing else of the request, so the use after free goes unseen, whichever of the post and the free
 * comes first.
 * Source: POSIX.1-2017 sem_destroy(); compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc sem_post,
 * sem_timedwait, sem_destroy (LLVM 14); gcc 12 libsanitizer/sanitizer_common/sanitizer_common_interceptors.inc
 * sem_post. */
#include "../casebook.h"
#include <errno.h>
#include <semaphore.h>

// expect-tsan: none -- misses: a semaphore's own memory is never an access for TSan
// expect-output: Owner: no reply in time, giving up.

struct request {
  char text[32]; /* the request itself; the semaphore after it, clear of malloc's own words in a freed block */
  sem_t replied;
};
static invisible_barrier gave_up;

static void *worker(void *arg) {
  struct request *request = arg;
  invisible_barrier_wait(&gave_up); /* a slow worker: it answers after the owner's deadline */
  sem_post(&request->replied);      // expect-bug: heap-use-after-free -- the owner may have freed it
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
  sem_destroy(&request->replied);
  free(request);
  pthread_join(thread, NULL);
  return 0;
}
