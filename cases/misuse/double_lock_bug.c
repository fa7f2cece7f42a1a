/* To start over when the store is full, an update calls store_init() again, and that re-initializes the
 * mutex the update is holding instead of unlocking it. POSIX leaves re-initializing a mutex undefined; glibc
 * just makes it unlocked, so the next update's lock succeeds. TSan does not treat init as an unlock: it
 * still records the Second update as the owner, so when the Third takes the mutex it reports a double lock
 * of a mutex (two threads holding it at once) at the Third's pthread_mutex_lock().
 * Source: POSIX.1-2017 pthread_mutex_init(); glibc 2.36 nptl/pthread_mutex_init.c __pthread_mutex_init; compiler-rt
 * lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_mutex_init (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp
 * MutexCreate, MutexPostLock (LLVM 14). */
#include "../casebook.h"

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
  pthread_mutex_lock(&store.lock); // expect-tsan: double lock of a mutex -- the Second update still holds it
  if (store.value == LIMIT) {
    say("Thread %s: the store is full, starting over", name);
    store_init();
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
