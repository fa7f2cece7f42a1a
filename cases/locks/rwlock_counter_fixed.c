/* The fix: the lookup counter is atomic, so readers can still share the read side while each bumps it with
 * one indivisible atomic_fetch_add (relaxed: a count needs no ordering). Atomic accesses never race with each
 * other, the value is read under the read side and written under the write side, and TSan reports nothing;
 * the count is always 2000. (Taking the write side for the count would work too, but would make readers wait
 * for each other.) */
#include "../casebook.h"
#include <stdatomic.h>

// expect-tsan: none
// expect-output: Counted 2000 lookups.

enum { LOOKUPS_PER_READER = 1000 };

static struct {
  int value;
  atomic_int lookups;
  pthread_rwlock_t lock;
} store = {0, 0, PTHREAD_RWLOCK_INITIALIZER};

static invisible_barrier both_reading;

static void *set_value(void *unused) {
  (void)unused;
  pthread_rwlock_wrlock(&store.lock);
  store.value = 42;
  pthread_rwlock_unlock(&store.lock);
  return NULL;
}

static int look_up_once(void) {
  pthread_rwlock_rdlock(&store.lock);
  int value = store.value;
  atomic_fetch_add_explicit(&store.lookups, 1, memory_order_relaxed);
  pthread_rwlock_unlock(&store.lock);
  return value;
}

static void *look_up(void *goes_first) {
  int total = 0;
  if (goes_first)
    total += look_up_once();             /* one lookup before the other reader starts */
  invisible_barrier_wait(&both_reading); /* then both look up at once */
  for (int i = goes_first ? 1 : 0; i < LOOKUPS_PER_READER; i++)
    total += look_up_once();
  invisible_barrier_wait(&both_reading); /* neither exits before the other has counted */
  return (void *)(long)total;
}

int main(void) {
  pthread_t writer, readers[2];
  pthread_create(&writer, NULL, set_value, NULL);
  pthread_join(writer, NULL); /* readers start after it: a write lock between them would order them */
  invisible_barrier_init(&both_reading, 2);
  for (int i = 0; i < 2; i++)
    pthread_create(&readers[i], NULL, look_up, i == 0 ? &readers[0] : NULL); /* any non-NULL: goes first */
  for (int i = 0; i < 2; i++)
    pthread_join(readers[i], NULL);
  say("Counted %d lookups.", atomic_load(&store.lookups));
  return 0;
}
