/* The fix: each increment takes the counter's mutex, a default (normal) pthread mutex. Each unlock
 * happens-before the next lock of the same mutex, so TSan sees every `hits += 1` of one thread ordered against
 * every one of the other and reports nothing; no increment is lost and the total is always 2000. */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Counted 2000 hits.

enum { HITS_PER_THREAD = 1000 };

static struct {
  int hits;
  pthread_mutex_t lock;
} counter = {0, PTHREAD_MUTEX_INITIALIZER};

static invisible_barrier both_counting;

/* Not inlined, so the compiler cannot fold the loop below into one `hits += 1000`. */
static __attribute__((noinline)) void count_one_hit(void) {
  pthread_mutex_lock(&counter.lock);
  counter.hits += 1;
  pthread_mutex_unlock(&counter.lock);
}

static void *count_hits(void *goes_first) {
  if (goes_first)
    count_one_hit();                      /* one hit before the other thread starts */
  invisible_barrier_wait(&both_counting); /* then both count at once */
  for (int i = goes_first ? 1 : 0; i < HITS_PER_THREAD; i++)
    count_one_hit();
  invisible_barrier_wait(&both_counting); /* neither exits before the other has counted */
  return NULL;
}

int main(void) {
  pthread_t threads[2];
  invisible_barrier_init(&both_counting, 2);
  for (int i = 0; i < 2; i++)
    pthread_create(&threads[i], NULL, count_hits, i == 0 ? &threads[0] : NULL); /* any non-NULL: goes first */
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  say("Counted %d hits.", counter.hits);
  return 0;
}
