/* Main hands a heap-allocated store to a worker and frees it as soon as it has started the worker, before
 * joining it. The worker's update then writes to freed memory. TSan models free() as a write to the whole
 * block and remembers it; when the worker touches the block later with no happens-before edge from the free
 * (the invisible barrier only forces the order), TSan reports a heap-use-after-free at the worker's access,
 * with the free() in main as the previous access. */
#include "../casebook.h"

// expect-output: Main: done.

struct store {
  int value;
};

static invisible_barrier freed;

static void *update(void *arg) {
  struct store *store = arg;
  invisible_barrier_wait(&freed);
  store->value += 1; // expect-tsan: heap-use-after-free -- main freed the store before joining
  return NULL;
}

int main(void) {
  struct store *store = calloc(1, sizeof *store);
  pthread_t thread;
  invisible_barrier_init(&freed, 2);
  pthread_create(&thread, NULL, update, store);
  free(store);
  invisible_barrier_wait(&freed);
  pthread_join(thread, NULL);
  say("Main: done.");
  return 0;
}
