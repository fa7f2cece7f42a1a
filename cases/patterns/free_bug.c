/* The mistake: a race on free. The reporter reads the store while main frees it without waiting for the reporter. Here
 * main frees only after the read (the invisible barrier forces that order); TSan treats free as a write to the block
 * (up to its first KiB), so it reports a data race whose current access is the free, against the reporter's earlier
 * read, with no edge between the two. Had the free come first, TSan would report the read as a heap-use-after-free
 * instead (see destruction_bug.c).
 * Source: compiler-rt lib/tsan/rtl/tsan_mman.cpp OnUserFree (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp
 * MemoryRangeFreed (LLVM 14); gcc 12 libsanitizer/tsan/tsan_rtl_access.cpp MemoryRangeFreed; compiler-rt
 * lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_report.cpp
 * ReportRace (LLVM 14). */
#include "../casebook.h"

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
  free(store); // expect-tsan: data race -- the free is a write that meets the reporter's read
  pthread_join(thread, NULL);
  return 0;
}
