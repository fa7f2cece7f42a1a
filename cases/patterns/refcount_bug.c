/* The mistake: a thread-hostile reference count. Two workers share one heap store and hold a reference each;
 * each drops it with a plain `--refs` (read, subtract, write back), and whoever brings it to zero frees the
 * store. Two drops at once can both read 2 and both write 1: nobody frees, and the store leaks (a double free
 * needs a lost increment instead, a reference taken while another is dropped). Here Second drops only after
 * First, so the count is right, yet TSan reports a data race on `refs`: Second's decrement against First's. The
 * free is just as unordered, but it hits memory already reported, and TSan reports each racy address once.
 * Clang 13's old (v2) runtime misses the count's race once release() is inlined into the worker (-O1, -O2) and
 * reports only the free against First's read of `value`, so the case asks for a newer runtime there.
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_report.cpp HandleRacyAddress (LLVM 14); compiler-rt lib/tsan/rtl/tsan_mman.cpp
 * OnUserFree (LLVM 14); measured only. */
#include "../casebook.h"
#include <string.h>

// requires-tsan: clang>=14,gcc -- clang 13's v2 runtime misses the race on refs when release() is inlined
// expect-output: Thread Second dropped the last reference

struct store {
  int refs;
  int value;
};
static struct store *shared;
static invisible_barrier first_done;

static void release(struct store *store, const char *name) {
  int refs = --store->refs; // expect-tsan: data race -- plain read-modify-write of the count
  if (refs == 0) {
    say("Thread %s dropped the last reference", name);
    free(store);
  }
}

static void *worker(void *arg) {
  const char *name = arg;
  bool second = strcmp(name, "Second") == 0;
  if (second)
    invisible_barrier_wait(&first_done); /* Second starts when First has dropped its reference */
  say("Thread %s sees value %d", name, shared->value);
  release(shared, name);
  if (!second)
    invisible_barrier_wait(&first_done);
  return NULL;
}

int main(void) {
  pthread_t threads[2];
  shared = malloc(sizeof *shared);
  if (shared == NULL)
    return 1;
  *shared = (struct store){.refs = 2, .value = 0};
  invisible_barrier_init(&first_done, 2);
  pthread_create(&threads[0], NULL, worker, "First");
  pthread_create(&threads[1], NULL, worker, "Second");
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  return 0;
}
