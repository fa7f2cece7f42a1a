/* The mistake: main hands every worker a pointer to the same variable, `name`, and rewrites it for the next
 * worker while the earlier one may not have read it yet. (Declared inside the loop body it would be worse: its
 * lifetime would end with each iteration, and reading it afterwards is undefined behaviour, race or not.) Here
 * the workers read only once the loop is done, so both see "Second" and First is never run. TSan reports a data
 * race between main's write of the next name and the first worker's read; the second worker's read is fine, as
 * it was created after that write.
 * Source: C11 6.2.4p2; compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_create (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_thread.cpp ThreadStart (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces
 * (LLVM 14). */
#include "../casebook.h"

// expect-output: Thread Second: starting update

static invisible_barrier loop_done;

static void *worker(void *arg) {
  invisible_barrier_wait(&loop_done);
  const char *name = *(const char **)arg; // expect-tsan: data race -- main already wrote the next name here
  say("Thread %s: starting update", name);
  return NULL;
}

int main(void) {
  pthread_t threads[LESSON_WORKERS];
  const char *name; /* one object for every worker, alive until main returns */
  invisible_barrier_init(&loop_done, LESSON_WORKERS + 1);
  for (int i = 0; i < LESSON_WORKERS; i++) {
    name = lesson_names[i];
    pthread_create(&threads[i], NULL, worker, &name);
  }
  invisible_barrier_wait(&loop_done); /* both workers are started before either reads its name */
  for (int i = 0; i < LESSON_WORKERS; i++)
    pthread_join(threads[i], NULL);
  return 0;
}
