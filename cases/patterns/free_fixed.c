/* The fix: main joins the reporter before freeing the store. The reporter's end happens-before the join's return, so
 * the free (to TSan, a write to the block, up to its first KiB) is ordered after the reporter's read, and TSan reports
 * nothing.
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_create, pthread_join (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_thread.cpp ThreadCreate, ThreadStart, ThreadFinish, ThreadJoin (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_access.cpp MemoryRangeFreed (LLVM 14); gcc 12 libsanitizer/tsan/tsan_rtl_access.cpp
 * MemoryRangeFreed. */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Reporter read 1

struct store {
  int value;
};
static invisible_barrier read_done;

static void *reporter(void *arg) {
  struct store *store = arg;
  int value = store->value;
  say("Reporter read %d", value);
  invisible_barrier_wait(&read_done);
  return NULL;
}

int main(void) {
  pthread_t thread;
  struct store *store = malloc(sizeof *store);
  if (store == NULL)
    return 1;
  store->value = 1;
  invisible_barrier_init(&read_done, 2);
  pthread_create(&thread, NULL, reporter, store);
  invisible_barrier_wait(&read_done);
  pthread_join(thread, NULL);
  free(store);
  return 0;
}
