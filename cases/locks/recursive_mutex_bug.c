/* The mistake: update() holds the store's lock and calls add_one(), a helper written to work with or without
 * that lock held, which locks it again; but the mutex is an error-checking one, not a recursive one. The inner
 * lock fails with EDEADLK, nobody checks, and the helper's unlock releases the caller's lock early. The caller's
 * later read of `value` then races with another update's write in add_one(), and its own unlock finds the mutex
 * free: TSan reports both. The fix is the recursive type (with a default mutex the relock would hang instead,
 * which TSan does not report: locks/relock_timed_bug.c).
 * Source: POSIX.1-2024 pthread_mutex_lock(); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexUnlock (LLVM 14). */
#include "../casebook.h"
#include <string.h>

// expect-output: Testing update. Ending value is 3.

static struct {
  int value;
  pthread_mutex_t lock;
} store;

static void add_one(void) {
  pthread_mutex_lock(&store.lock); /* the caller may hold the lock already */
  store.value += 1; // expect-tsan: data race -- this locked write meets another caller's unlocked read
  pthread_mutex_unlock(&store.lock);
}

static void update(const char *name) {
  bool second = strcmp(name, "Second") == 0;
  if (second)
    meet_other_update(); /* Second starts only once First is done... */
  say("Thread %s: starting update", name);
  pthread_mutex_lock(&store.lock);
  say("Thread %s has lock", name);
  add_one();
  pretend_to_work();
  int seen = store.value; // expect-tsan: data race -- read after add_one() let go of the lock
  say("Thread %s sees %d, about to release lock", name, seen);
  pthread_mutex_unlock(&store.lock); // expect-tsan: unlock of an unlocked mutex -- add_one() unlocked it
  say("Thread %s: finishing update", name);
  if (!second)
    meet_other_update(); /* First lets Second start... */
  meet_other_update();   /* ...and waits for it, so Third starts after Second is done */
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&store.lock, &attr);
  pthread_mutexattr_destroy(&attr);
  int status = run_lesson(update, &store.value);
  pthread_mutex_destroy(&store.lock);
  return status;
}
