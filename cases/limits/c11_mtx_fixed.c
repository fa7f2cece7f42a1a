/* The twin that TSan can follow: the same update with pthread_mutex_lock/pthread_mutex_unlock instead of
 * mtx_lock/mtx_unlock. These are the calls TSan intercepts, so each unlock happens-before the next lock, TSan
 * reports nothing, and the ending value is 3, as it was with the C11 mutex.
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock, pthread_mutex_unlock
 * (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14). */
#include "../casebook.h"
#include <string.h>

// expect-tsan: none
// expect-output: Testing update. Ending value is 3.

static struct {
  int value;
  pthread_mutex_t lock;
} store;

static void update(const char *name) {
  bool second = strcmp(name, "Second") == 0;
  if (second)
    meet_other_update(); /* Second starts only once First is done... */
  say("Thread %s: starting update", name);
  pthread_mutex_lock(&store.lock);
  int local_copy = store.value;
  local_copy += 1;
  pretend_to_work();
  store.value = local_copy;
  pthread_mutex_unlock(&store.lock);
  say("Thread %s: finishing update", name);
  if (!second)
    meet_other_update(); /* First lets Second start... */
  meet_other_update();   /* ...and waits for it, so Third starts after Second is done */
}

int main(void) {
  pthread_mutex_init(&store.lock, NULL);
  int status = run_lesson(update, &store.value);
  pthread_mutex_destroy(&store.lock);
  return status;
}
