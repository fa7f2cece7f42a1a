/* The store holds at most two. The update that finds it full unlocks on that path and then falls through to
 * the common unlock at the end, so it unlocks a mutex it no longer holds. For a default glibc mutex that is
 * undefined and silently frees the lock for whoever holds it; TSan knows the mutex has no owner and reports
 * an unlock of an unlocked mutex at the second unlock. Whichever update locks last finds the store full,
 * so the report always comes, and the ending value is always 2.
 * Source: POSIX.1-2017 pthread_mutex_unlock(); glibc 2.36 nptl/pthread_mutex_unlock.c __pthread_mutex_unlock_usercnt;
 * compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock,
 * pthread_mutex_unlock (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexUnlock (LLVM 14). */
#include "../casebook.h"

// expect-output: Testing update. Ending value is 2.

enum { LIMIT = 2 };

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};

static void update(const char *name) {
  say("Thread %s: starting update", name);
  pthread_mutex_lock(&store.lock);
  if (store.value == LIMIT) {
    say("Thread %s: the store is full", name);
    pthread_mutex_unlock(&store.lock);
  } else {
    store.value += 1;
  }
  pthread_mutex_unlock(&store.lock); // expect-tsan: unlock of an unlocked mutex -- already unlocked on the full path
  say("Thread %s: finishing update", name);
}

int main(void) { return run_lesson(update, &store.value); }
