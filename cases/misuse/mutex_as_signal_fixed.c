/* The fix: a semaphore is the tool for "wake another thread", because any thread may post it. It starts at
 * zero, main waits on it, and the worker posts it after computing the value. TSan treats each post as
 * happening-before the wait that consumes it, so the worker's write is ordered before main's read and TSan
 * reports nothing.
 * Source: POSIX.1-2017 sem_post(); compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc sem_wait,
 * sem_post (LLVM 14). */
#include "../casebook.h"
#include <semaphore.h>

// expect-tsan: none
// expect-output: Main: the worker computed 42.

static struct {
  int value;
  sem_t done;
} store;

static void *worker(void *arg) {
  (void)arg;
  store.value = 42;
  sem_post(&store.done);
  return NULL;
}

int main(void) {
  pthread_t thread;
  sem_init(&store.done, 0, 0);
  pthread_create(&thread, NULL, worker, NULL);
  sem_wait(&store.done); /* waits until the worker posts */
  say("Main: the worker computed %d.", store.value);
  pthread_join(thread, NULL);
  sem_destroy(&store.done);
  return 0;
}
