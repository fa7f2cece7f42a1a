/* The fix: the worker signals before it unlocks, so its last touch of the job is the unlock itself. The owner
 * can see `done` only by locking the same mutex after that unlock, so every use of the job's condition variable
 * and mutex happens-before their destruction and the free; POSIX allows destroying a condition variable on which
 * no thread is blocked, and a mutex that is unlocked. TSan orders the signal before the destroy through the mutex
 * and reports nothing.
 * Source: POSIX.1-2017 pthread_cond_destroy(); POSIX.1-2017 pthread_mutex_destroy();
 * compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_cond_signal, pthread_cond_destroy (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Owner: the job answered 42.

struct job {
  pthread_mutex_t lock;
  pthread_cond_t finished;
  bool done;
  int answer;
};
static invisible_barrier unlocked, freed;

static void *worker(void *arg) {
  struct job *job = arg;
  pthread_mutex_lock(&job->lock);
  job->answer = 42;
  job->done = true;
  pthread_cond_signal(&job->finished);
  pthread_mutex_unlock(&job->lock);
  invisible_barrier_wait(&unlocked);
  invisible_barrier_wait(&freed);
  return NULL;
}

int main(void) {
  pthread_t thread;
  struct job *job = malloc(sizeof *job);
  if (job == NULL)
    return 1;
  pthread_mutex_init(&job->lock, NULL);
  pthread_cond_init(&job->finished, NULL);
  job->done = false;
  invisible_barrier_init(&unlocked, 2);
  invisible_barrier_init(&freed, 2);
  pthread_create(&thread, NULL, worker, job);
  invisible_barrier_wait(&unlocked); /* the owner looks once the worker has set done and unlocked */
  pthread_mutex_lock(&job->lock);
  while (!job->done)
    pthread_cond_wait(&job->finished, &job->lock);
  int answer = job->answer;
  pthread_mutex_unlock(&job->lock);
  pthread_cond_destroy(&job->finished);
  pthread_mutex_destroy(&job->lock);
  free(job);
  invisible_barrier_wait(&freed);
  pthread_join(thread, NULL);
  say("Owner: the job answered %d.", answer);
  return 0;
}
