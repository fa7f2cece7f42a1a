/* The fix, with the lock taken as a scoped block: the guard variable's cleanup attribute unlocks the mutex
 * whenever control leaves the block, on every exit path, like Python's `with lock:`. To TSan it is the same
 * lock/unlock pair as explicit_lock.c, so it reports nothing, and the ending value is always 3.
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock, pthread_mutex_unlock
 * (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Testing update. Ending value is 3.

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};

static void release_lock(pthread_mutex_t **held) { pthread_mutex_unlock(*held); }

static void update(const char *name) {
  say("Thread %s: starting update", name);
  {
    pthread_mutex_t *held __attribute__((cleanup(release_lock))) = &store.lock;
    pthread_mutex_lock(held);
    say("Thread %s has lock", name);
    int local_copy = store.value;
    local_copy += 1;
    pretend_to_work();
    store.value = local_copy;
    say("Thread %s about to release lock", name);
  } /* release_lock(&held) runs here */
  say("Thread %s: finishing update", name);
}

int main(void) { return run_lesson(update, &store.value); }
