/* The fix: update() holds the store's lock and calls add_one(), a helper written to work with or without that
 * lock held. The mutex is PTHREAD_MUTEX_RECURSIVE, so its owner may lock it again; it is released only when
 * every lock has its unlock. TSan's pthread_mutex_init interceptor marks the mutex reentrant, so TSan follows the
 * depth, sees each update's final unlock happen-before the next update's lock, and reports nothing; the ending
 * value is always 3. Where no caller needs the helper without the lock, the plainer fix is a helper that expects
 * it held (locks/relock_timed_fixed.c).
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_mutex_init (LLVM 14). */
#include "../casebook.h"
#include <string.h>

// expect-tsan: none
// expect-output: Testing update. Ending value is 3.

static struct {
  int value;
  pthread_mutex_t lock;
} store;

static void add_one(void) {
  pthread_mutex_lock(&store.lock); /* the caller may hold the lock already */
  store.value += 1;
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
  int seen = store.value;
  say("Thread %s sees %d, about to release lock", name, seen);
  pthread_mutex_unlock(&store.lock);
  say("Thread %s: finishing update", name);
  if (!second)
    meet_other_update(); /* First lets Second start... */
  meet_other_update();   /* ...and waits for it, so Third starts after Second is done */
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&store.lock, &attr);
  pthread_mutexattr_destroy(&attr);
  int status = run_lesson(update, &store.value);
  pthread_mutex_destroy(&store.lock);
  return status;
}
