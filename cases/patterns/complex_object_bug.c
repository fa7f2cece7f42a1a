/* The mistake: a race on a complex object. The updater changes the store's members under the lock, but the
 * reporter copies the whole struct (one assignment, so it looks like a single step) without taking the lock. A
 * struct copy is a series of plain reads, and the reporter can see `value` from after an update and `last` from
 * before it: TSan reports a data race between the copy and the updater's writes of the members (one report per
 * member cell that the copy reads, so how many depends on how the compiler splits the copy). The reporter waits
 * (on the invisible barrier) until the update is done, so the reports are the same on every run.
 * Source: llvm lib/Transforms/Instrumentation/ThreadSanitizer.cpp instrumentLoadOrStore,
 * instrumentMemIntrinsic (LLVM 14); compiler-rt lib/tsan/rtl/tsan_defs.h kShadowCell (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_report.cpp
 * ReportRace (LLVM 14). */
#include "../casebook.h"

// expect-output: Ending value is 1.

struct record {
  int value;
  int updates;
  const char *last;
};
static struct {
  struct record record;
  pthread_mutex_t lock;
} store = {{0, 0, "nobody"}, PTHREAD_MUTEX_INITIALIZER};
static invisible_barrier updated;

static void *updater(void *arg) {
  const char *name = arg;
  pthread_mutex_lock(&store.lock);
  int local_copy = store.record.value;
  local_copy += 1;
  store.record.value = local_copy;
  store.record.updates += 1;
  store.record.last = name;
  pthread_mutex_unlock(&store.lock);
  invisible_barrier_wait(&updated);
  return NULL;
}

static void *reporter(void *arg) {
  (void)arg;
  invisible_barrier_wait(&updated);
  struct record snapshot = store.record; // expect-tsan: data race -- copied without the lock
  say("Value %d after %d update(s), the last by %s", snapshot.value, snapshot.updates, snapshot.last);
  return NULL;
}

int main(void) {
  pthread_t threads[2];
  invisible_barrier_init(&updated, 2);
  pthread_create(&threads[0], NULL, updater, "First");
  pthread_create(&threads[1], NULL, reporter, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  say("Ending value is %d.", store.record.value);
  return 0;
}
