/* The mistake: main holds the store's reader-writer lock for reading and calls report_value(), which takes the
 * read lock again. The lock is made to prefer writers without recursive readers (glibc's
 * PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP), so once a writer waits for main's first read lock, main's second
 * one waits behind that writer: a deadlock, ended here by a timed read lock that gives up after a second. TSan
 * reports nothing: a read lock taken while the same thread holds one is neither a double lock nor an edge between
 * two mutexes (its deadlock detector passes over a mutex the thread holds), and TSan does not model the writer's place
 * in the lock's queue. The fix: the helper expects the read lock held.
 * Source: glibc 2.36 nptl/pthread_rwlock_common.c __pthread_rwlock_rdlock_full64; glibc 2.36
 * nptl/pthread_rwlock_tryrdlock.c; compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPreReadLock (LLVM 14); compiler-rt
 * lib/sanitizer_common/sanitizer_deadlock_detector1.cpp DD::MutexBeforeLock (LLVM 14). */
#define _GNU_SOURCE
#include "../casebook.h"
#include <errno.h>
#include <sched.h>

// expect-tsan: none -- misses: the second read lock waits behind a writer that waits for the first
// expect-output: main: the read lock waits behind the writer, which waits for main.

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

static void report_value(void) {
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += 1;
  if (pthread_rwlock_timedrdlock(&store.lock, &deadline) == ETIMEDOUT) { // expect-bug: deadlock
    say("main: the read lock waits behind the writer, which waits for main.");
    return;
  }
  say("main: the value is %d.", store.value);
  pthread_rwlock_unlock(&store.lock);
}

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
  report_value();
  pthread_rwlock_unlock(&store.lock);
  pthread_join(thread, NULL);
  say("main: after the writer, the value is %d.", store.value);
  pthread_rwlock_destroy(&store.lock);
  return 0;
}
