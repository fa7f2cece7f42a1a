/* The fix: main joins the worker before it frees the store. The worker's end happens-before the join's
 * return, so its write to the block is ordered before free(), and TSan reports nothing. */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Main: the worker counted to 1.

struct store {
  int value;
};

static invisible_barrier freed;

static void *update(void *arg) {
  struct store *store = arg;
  invisible_barrier_wait(&freed);
  store->value += 1;
  return NULL;
}

int main(void) {
  struct store *store = calloc(1, sizeof *store);
  pthread_t thread;
  invisible_barrier_init(&freed, 2);
  pthread_create(&thread, NULL, update, store);
  invisible_barrier_wait(&freed);
  pthread_join(thread, NULL);
  say("Main: the worker counted to %d.", store->value);
  free(store);
  return 0;
}
