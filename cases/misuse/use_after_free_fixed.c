/* The fix: main does all it needs with the store before it hands the store over, and never touches it
 * afterwards. Main's read comes before pthread_create, which orders it before everything the worker does,
 * free() included, so TSan reports nothing. Ownership passes with the pointer, and so does the duty to free.
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_create, pthread_join (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_thread.cpp ThreadCreate, ThreadStart, ThreadFinish, ThreadJoin (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_mman.cpp OnUserFree (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Main: done.

struct store {
  int value;
};

static invisible_barrier freed;

static void *worker(void *arg) { /* owns the store it is given */
  struct store *store = arg;
  store->value += 1;
  free(store);
  invisible_barrier_wait(&freed);
  return NULL;
}

int main(void) {
  struct store *store = calloc(1, sizeof *store);
  pthread_t thread;
  if (store == NULL)
    return 1;
  invisible_barrier_init(&freed, 2);
  if (store->value < 0)
    say("Main: the store went bad.");
  pthread_create(&thread, NULL, worker, store); /* from here on the store is the worker's */
  invisible_barrier_wait(&freed);
  pthread_join(thread, NULL);
  say("Main: done.");
  return 0;
}
