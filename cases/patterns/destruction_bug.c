/* The mistake: a race during destruction. Main destroys the store as soon as it has started the reporter, but
 * the reporter still reads it; main should join the reporter before destroying what it uses. Here the reporter
 * reads only after the free (the invisible barrier forces that order), so TSan reports a heap-use-after-free, not
 * a data race: the read hits a block TSan knows another thread freed, with no edge between the two. Had the read
 * come first, TSan would report the free itself as a data race (see free_bug.c).
 * Source: compiler-rt lib/tsan/rtl/tsan_mman.cpp OnUserFree (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp
 * MemoryRangeFreed (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_report.cpp ReportRace (LLVM 14). */
#include "../casebook.h"

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
  int value = store->value; // expect-tsan: heap-use-after-free -- the store was freed by main
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
  destroy_store(store);
  invisible_barrier_wait(&destroyed);
  pthread_join(thread, NULL);
  return 0;
}
