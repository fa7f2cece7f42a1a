/* The fix: report_value_locked() expects its caller to hold the read lock and never takes it again, so main's
 * one read lock is all the writer waits for. On a lock that prefers writers a thread must never take the read lock
 * it already holds. TSan reports nothing.
 * Source: glibc 2.36 nptl/pthread_rwlock_common.c __pthread_rwlock_rdlock_full64; glibc 2.36
 * nptl/pthread_rwlock_tryrdlock.c; compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPreReadLock (LLVM 14); compiler-rt
 * lib/sanitizer_common/sanitizer_deadlock_detector1.cpp DD::MutexBeforeLock (LLVM 14). */
#define _GNU_SOURCE
#include "../casebook.h"
#include <errno.h>
#include <sched.h>

// expect-tsan: none
// expect-output: main: the value is 0.

static struct {
  int value;
  pthread_rwlock_t lock;
} store;

static void *writer(void *unused) {
  (void)unused;
  pthread_rwlock_wrlock(&store.lock);
  store.value += 1;
  pthread_rwlock_unlock(&store.lock);
  return NULL;
}

/* Until the writer has claimed the lock and waits for the readers to leave: then a try fails (glibc's tryrdlock). */
static void wait_until_the_writer_waits(void) {
  while (pthread_rwlock_tryrdlock(&store.lock) == 0) {
    pthread_rwlock_unlock(&store.lock);
    sched_yield();
  }
}

static void report_value_locked(void) { say("main: the value is %d.", store.value); }

int main(void) {
  pthread_rwlockattr_t attributes;
  pthread_rwlockattr_init(&attributes);
  pthread_rwlockattr_setkind_np(&attributes, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
  pthread_rwlock_init(&store.lock, &attributes);
  pthread_rwlockattr_destroy(&attributes);
  pthread_t thread;
  pthread_rwlock_rdlock(&store.lock);
  pthread_create(&thread, NULL, writer, NULL);
  wait_until_the_writer_waits();
  report_value_locked();
  pthread_rwlock_unlock(&store.lock);
  pthread_join(thread, NULL);
  say("main: after the writer, the value is %d.", store.value);
  pthread_rwlock_destroy(&store.lock);
  return 0;
}
