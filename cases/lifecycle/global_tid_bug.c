/* The mistake: main starts the worker with pthread_create(&worker_id, ...), and the worker reads the global
 * `worker_id` to find out who it is. pthread_create stores the new thread's id after the thread exists, so the
 * worker can read before the store (a data race, and an id that is not yet its own; here the invisible barrier
 * lets the store win). TSan reports nothing: the store happens inside the C library's pthread_create, which is
 * not instrumented, and the interceptor does not announce it. The fix is pthread_self(). */
#include "../casebook.h"

// expect-tsan: none -- misses: the id is written inside the uninstrumented pthread_create
// expect-output: The worker knows its id.

static pthread_t worker_id;
static invisible_barrier created;

static void *worker(void *unused) {
  (void)unused;
  invisible_barrier_wait(&created); /* pthread_create has returned in main */
  pthread_t me = worker_id; // expect-bug: data race -- pthread_create writes it after the thread starts
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
