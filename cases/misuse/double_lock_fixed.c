/* The fix: starting over clears the value and then unlocks as usual; the mutex is initialized once, in main,
 * before any thread uses it. Every lock is matched by an unlock in the same thread, so TSan sees the
 * updates take the mutex one after another and reports nothing.
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock,
 * pthread_mutex_unlock (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Ending value is 1.

enum { LIMIT = 1 };

static struct {
  int value;
  pthread_mutex_t lock;
} store;

/* Sets up an empty store with a fresh, unlocked mutex. */
static void store_init(void) {
  store.value = 0;
  pthread_mutex_init(&store.lock, NULL);
}

static void *update(void *arg) {
  const char *name = arg;
  pthread_mutex_lock(&store.lock);
  if (store.value == LIMIT) {
    say("Thread %s: the store is full, starting over", name);
    store.value = 0;
    pthread_mutex_unlock(&store.lock);
    return NULL;
  }
  store.value += 1;
  pthread_mutex_unlock(&store.lock);
  return NULL;
}

int main(void) {
  store_init();
  for (int i = 0; i < LESSON_UPDATES; i++) { /* one update after the other */
    pthread_t thread;
    pthread_create(&thread, NULL, update, (void *)lesson_names[i]);
    pthread_join(thread, NULL);
  }
  say("Ending value is %d.", store.value);
  return 0;
}
