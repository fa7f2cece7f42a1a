/* The mistake: the worker sets `done` and unlocks, then signals the job's condition variable, but the owner may
 * already have seen `done`, destroyed the job's mutex and condition variable and freed the job. The signal after
 * the unlock is the worker's last touch of the job, and nothing orders it before the free. TSan's
 * pthread_cond_signal reads the condition variable's first word, and here it reads it after the free (the invisible
 * barriers force that order without an edge), so TSan reports a heap-use-after-free at the signal.
 * Source: POSIX.1-2017 pthread_cond_destroy(); compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp
 * pthread_cond_signal, pthread_cond_destroy (LLVM 14); gcc 12 libsanitizer/tsan/tsan_interceptors_posix.cpp
 * pthread_cond_signal. */
#include "../casebook.h"

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
  pthread_mutex_unlock(&job->lock);
  invisible_barrier_wait(&unlocked);
  invisible_barrier_wait(&freed);
  pthread_cond_signal(&job->finished); // expect-tsan: heap-use-after-free -- the owner freed the job already
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
