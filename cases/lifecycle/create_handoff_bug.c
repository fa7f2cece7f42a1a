/* The mistake: main starts the worker first and fills in its argument afterwards. pthread_create orders only
 * what main did before the call; a write after it is unordered with the worker's read, so TSan reports a data
 * race between main's late write of `start` and the worker's read. Here the worker waits (on the invisible
 * barrier) until main has written, so the value is even right: the edge is missing, not the data.
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_create (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_thread.cpp ThreadStart (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces
 * (LLVM 14). */
#include "../casebook.h"

// expect-output: Ending value is 1.

struct job {
  const char *name;
  int start;
  int result;
};
static invisible_barrier filled_in;

static void *worker(void *arg) {
  struct job *job = arg;
  invisible_barrier_wait(&filled_in);
  say("Thread %s: starting update", job->name);
  int local_copy = job->start; // expect-tsan: data race -- main wrote it after pthread_create
  local_copy += 1;
  job->result = local_copy;
  return NULL;
}

int main(void) {
  pthread_t thread;
  struct job *job = malloc(sizeof *job);
  if (job == NULL)
    return 1;
  job->name = "First";
  invisible_barrier_init(&filled_in, 2);
  pthread_create(&thread, NULL, worker, job);
  job->start = 0;
  invisible_barrier_wait(&filled_in);
  pthread_join(thread, NULL);
  say("Ending value is %d.", job->result);
  free(job);
  return 0;
}
