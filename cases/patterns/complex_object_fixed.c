/* The fix: the reporter takes the same lock around its copy of the struct. The updater's unlock then
 * happens-before the reporter's lock (or the reporter's unlock before the updater's lock), so the copy sees
 * either none or all of an update's member writes, and TSan reports nothing.
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock,
 * pthread_mutex_unlock (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14);
 * POSIX.1-2017 XBD 4.12. */
#include "../casebook.h"

// expect-tsan: none
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
  pthread_mutex_lock(&store.lock);
  struct record snapshot = store.record;
  pthread_mutex_unlock(&store.lock);
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
