/* The fix: the worker asks pthread_self() who it is and never reads the id main's pthread_create stores, so it
 * no longer depends on when the C library stores it (POSIX leaves that open). The global is then read only by
 * main, after pthread_create has returned, and TSan reports nothing, as for the mistake, which has no race on
 * glibc.
 * Source: POSIX.1-2017 pthread_create(); glibc 2.36 nptl/pthread_create.c __pthread_create_2_1. */
#include "../casebook.h"

// expect-tsan: none
// expect-output: The worker knows its id.

static pthread_t worker_id;
static invisible_barrier created;

static void *worker(void *unused) {
  (void)unused;
  invisible_barrier_wait(&created); /* pthread_create has returned in main */
  pthread_t me = pthread_self();
  say(pthread_equal(me, pthread_self()) ? "The worker knows its id." : "The worker has someone else's id.");
  return NULL;
}

int main(void) {
  invisible_barrier_init(&created, 2);
  pthread_create(&worker_id, NULL, worker, NULL);
  invisible_barrier_wait(&created);
  pthread_join(worker_id, NULL);
  return 0;
}
