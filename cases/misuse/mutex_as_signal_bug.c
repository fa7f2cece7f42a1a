/* Main uses a mutex as a "done" signal: it locks `done`, starts the worker, and locks `done` again to wait;
 * the worker computes the value and unlocks `done` to wake main. A mutex belongs to the thread that locked
 * it, and only that thread may unlock it (glibc's default mutex lets this pass, an error-checking one
 * refuses), so TSan reports an unlock by a wrong thread at the worker's unlock. Because that unlock is not a
 * real release for TSan, it also reports a data race between the worker's write and main's read.
 * Source: POSIX.1-2017 pthread_mutex_unlock(); glibc 2.36 nptl/pthread_mutex_unlock.c __pthread_mutex_unlock_usercnt;
 * compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock,
 * pthread_mutex_unlock (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexUnlock (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14). */
#include "../casebook.h"

// expect-output: Main: the worker computed 42.

static struct {
  int value;
  pthread_mutex_t done;
} store = {0, PTHREAD_MUTEX_INITIALIZER};

static void *worker(void *arg) {
  (void)arg;
  store.value = 42;
  pthread_mutex_unlock(&store.done); // expect-tsan: unlock of an unlocked mutex -- main locked it, not the worker
  return NULL;
}

int main(void) {
  pthread_t thread;
  pthread_mutex_lock(&store.done);
  pthread_create(&thread, NULL, worker, NULL);
  pthread_mutex_lock(&store.done); /* waits until the worker unlocks it */
  say("Main: the worker computed %d.", store.value); // expect-tsan: data race -- the bad unlock released nothing
  pthread_mutex_unlock(&store.done);
  pthread_join(thread, NULL);
  return 0;
}
