/* The mistake: main hands a heap-allocated store to a worker that takes ownership of it (it counts, then frees the
 * store when done), yet main keeps its copy of the pointer and looks at the store once more after the handoff, "just to
 * check it". By then the block is freed. TSan models free() as a write to the block (up to its first KiB) and remembers
 * it, so main's read, with no happens-before edge from the free (the invisible barrier only orders them in time), is
 * reported as a heap-use-after-free, with the worker's free() as the earlier access. The fix: once handed over, the
 * pointer is not main's to use (destruction_bug.c is the mirror: the owner frees early).
 * Source: compiler-rt lib/tsan/rtl/tsan_mman.cpp OnUserFree (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp
 * MemoryRangeFreed (LLVM 14); gcc 12 libsanitizer/tsan/tsan_rtl_access.cpp MemoryRangeFreed; compiler-rt
 * lib/tsan/rtl/tsan_rtl_report.cpp ReportRace (LLVM 14). */
#include "../casebook.h"

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
  pthread_create(&thread, NULL, worker, store); /* from here on the store is the worker's */
  invisible_barrier_wait(&freed);
  if (store->value < 0) // expect-tsan: heap-use-after-free -- the worker freed the store it was handed
    say("Main: the store went bad.");
  pthread_join(thread, NULL);
  say("Main: done.");
  return 0;
}
