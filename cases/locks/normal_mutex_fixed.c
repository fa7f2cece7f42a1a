/* The fix: each increment takes the counter's mutex, a default (normal) pthread mutex. Each unlock
 * happens-before the next lock of the same mutex, so TSan sees every `hits += 1` of one thread ordered against
 * every one of the other and reports nothing; no increment is lost and the total is always 2000.
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock,
 * pthread_mutex_unlock (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14);
 * POSIX.1-2017 XBD 4.12. */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Counted 2000 hits.

enum { HITS_PER_THREAD = 1000 };

static struct {
  int hits;
  pthread_mutex_t lock;
} counter = {0, PTHREAD_MUTEX_INITIALIZER};

static invisible_barrier turns;

/* Not inlined, so the compiler cannot fold the loop below into one `hits += 1000`. */
static __attribute__((noinline)) void count_one_hit(void) {
  pthread_mutex_lock(&counter.lock);
  counter.hits += 1;
  pthread_mutex_unlock(&counter.lock);
}

static void *count_hits(void *goes_second) {
  if (goes_second)
    invisible_barrier_wait(&turns); /* starts when the first thread has counted */
  for (int i = 0; i < HITS_PER_THREAD; i++)
    count_one_hit();
  if (!goes_second)
    invisible_barrier_wait(&turns); /* hands the turn over */
  invisible_barrier_wait(&turns);   /* neither exits before the other has counted */
  return NULL;
}

int main(void) {
  pthread_t threads[2];
  invisible_barrier_init(&turns, 2);
  for (int i = 0; i < 2; i++)
    pthread_create(&threads[i], NULL, count_hits, i == 1 ? &threads[1] : NULL); /* non-NULL: goes second */
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  say("Counted %d hits.", counter.hits);
  return 0;
}
