/* The fix: the library's spinlock, pthread_spin_lock and pthread_spin_unlock, which order memory the way a lock
 * must (acquire on lock, release on unlock). TSan intercepts them and models the spinlock as a mutex: each
 * unlock happens-before the next lock, so it reports nothing, and the ending value is always 3. */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Testing update. Ending value is 3.

static struct {
  int value;
  pthread_spinlock_t lock;
} store;

static void spin_lock(void) { pthread_spin_lock(&store.lock); }

static void spin_unlock(void) { pthread_spin_unlock(&store.lock); }

static void update(const char *name) {
  say("Thread %s: starting update", name);
  spin_lock();
  int local_copy = store.value;
  local_copy += 1;
  store.value = local_copy;
  spin_unlock();
  say("Thread %s: finishing update", name); /* no pretend_to_work() under a spinlock: the other would spin */
}

int main(void) {
  pthread_spin_init(&store.lock, PTHREAD_PROCESS_PRIVATE);
  int status = run_lesson(update, &store.value);
  pthread_spin_destroy(&store.lock);
  return status;
}
