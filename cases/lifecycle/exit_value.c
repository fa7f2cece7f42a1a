/* Handing a result back without any shared variable: the worker fills a block it allocated and passes it to
 * pthread_exit (returning it from the thread function does the same), and main receives the pointer from
 * pthread_join. The worker's end happens-before the join's return, so main's reads of the block are ordered
 * after the worker's writes, and the free after them too: TSan reports nothing.
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_exit, pthread_join (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_thread.cpp ThreadFinish, ThreadJoin (LLVM 14); POSIX.1-2017 pthread_exit(). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Ending value is 1.

struct result {
  int value;
};

static void *worker(void *arg) {
  const int *start = arg;
  struct result *result = malloc(sizeof *result);
  if (result == NULL)
    abort();
  int local_copy = *start;
  local_copy += 1;
  result->value = local_copy;
  pthread_exit(result);
}

int main(void) {
  static const int start = 0;
  pthread_t thread;
  void *returned;
  say("Starting value is %d.", start);
  pthread_create(&thread, NULL, worker, (void *)&start);
  pthread_join(thread, &returned);
  struct result *result = returned;
  say("Ending value is %d.", result->value);
  free(result);
  return 0;
}
