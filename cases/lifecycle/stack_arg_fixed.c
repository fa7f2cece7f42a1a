/* The fix: every worker gets its own argument, an element of an array that lives until the workers are joined.
 * Main writes names[i] before creating worker i, pthread_create orders that write before everything the worker
 * does, and no later write touches it: TSan reports nothing, and First and Second each run once.
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_create (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_thread.cpp ThreadStart (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Thread First: starting update
// expect-output: Thread Second: starting update

static invisible_barrier loop_done;

static void *worker(void *arg) {
  invisible_barrier_wait(&loop_done);
  const char *name = *(const char **)arg;
  say("Thread %s: starting update", name);
  return NULL;
}

int main(void) {
  pthread_t threads[LESSON_WORKERS];
  const char *names[LESSON_WORKERS];
  invisible_barrier_init(&loop_done, LESSON_WORKERS + 1);
  for (int i = 0; i < LESSON_WORKERS; i++) {
    names[i] = lesson_names[i];
    pthread_create(&threads[i], NULL, worker, &names[i]);
  }
  invisible_barrier_wait(&loop_done); /* both workers are started before either reads its name */
  for (int i = 0; i < LESSON_WORKERS; i++)
    pthread_join(threads[i], NULL);
  return 0;
}
