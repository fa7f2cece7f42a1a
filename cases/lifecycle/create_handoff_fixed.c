/* The fix: main fills in the whole argument before pthread_create. TSan treats pthread_create as
 * happening-before everything the new thread does, so the worker's read of `start` is ordered after main's
 * write and TSan reports nothing; the join then orders the worker's `result` before main's read.
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_create (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_thread.cpp ThreadStart (LLVM 14); compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp
 * pthread_join (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_thread.cpp ThreadFinish, ThreadJoin (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none
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
  int local_copy = job->start;
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
  job->start = 0;
  pthread_create(&thread, NULL, worker, job);
  invisible_barrier_wait(&filled_in);
  pthread_join(thread, NULL);
  say("Ending value is %d.", job->result);
  free(job);
  return 0;
}
