/* The fix: main joins the reporter before destroying the store. The reporter's end happens-before the join's
 * return, so its read of the store is ordered before the free, the block is never used after it is freed, and
 * TSan reports nothing. (When several threads share an object with no single owner, a reference count decides
 * who destroys it: see refcount_fixed.c.)
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_create, pthread_join (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_thread.cpp ThreadCreate, ThreadStart, ThreadFinish, ThreadJoin (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Reporter read 1

struct store {
  int value;
};
static invisible_barrier destroyed;

static void destroy_store(struct store *store) {
  say("Destroying the store");
  free(store);
}

static void *reporter(void *arg) {
  struct store *store = arg;
  invisible_barrier_wait(&destroyed);
  int value = store->value;
  say("Reporter read %d", value);
  return NULL;
}

int main(void) {
  pthread_t thread;
  struct store *store = malloc(sizeof *store);
  if (store == NULL)
    return 1;
  store->value = 1;
  invisible_barrier_init(&destroyed, 2);
  pthread_create(&thread, NULL, reporter, store);
  invisible_barrier_wait(&destroyed);
  pthread_join(thread, NULL);
  destroy_store(store);
  return 0;
}
