/* The mistake: each worker counts into its own heap tally, found through a pthread key whose destructor frees the
 * tally when the worker exits, and main keeps a pointer to each tally to sum them after the join. The destructor
 * runs at thread exit, before pthread_join returns, so main reads freed memory, and TSan reports a
 * heap-use-after-free: the free in the destructor, then main's read. The fix has the destructor hand the count to
 * main by value before it frees the tally.
 * Source: POSIX.1-2017 pthread_key_create(); glibc 2.36 nptl/pthread_create.c start_thread; glibc 2.36
 * nptl/nptl_deallocate_tsd.c __nptl_deallocate_tsd;
 * compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp MemoryRangeFreed (LLVM 14). */
#include "../casebook.h"

struct tally {
  int index;
  int count;
};

static pthread_key_t tally_key;
static invisible_barrier allocated; /* both tallies exist before either worker exits */
static struct tally *tallies[2];

static void drop_tally(void *tally) { free(tally); }

static void *worker(void *arg) {
  struct tally *tally = malloc(sizeof *tally);
  *tally = (struct tally){*(int *)arg, 0};
  pthread_setspecific(tally_key, tally);
  for (int i = 0; i <= tally->index + 1; i++)
    tally->count++;
  invisible_barrier_wait(&allocated); /* the allocator cannot hand one worker's freed tally to the other */
  tallies[tally->index] = tally;
  return NULL; /* drop_tally runs now */
}

int main(void) {
  static int ids[2] = {0, 1};
  pthread_t threads[2];
  pthread_key_create(&tally_key, drop_tally);
  invisible_barrier_init(&allocated, 2);
  for (int i = 0; i < 2; i++)
    pthread_create(&threads[i], NULL, worker, &ids[i]);
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  int total = 0;
  for (int i = 0; i < 2; i++)
    total += tallies[i]->count; // expect-tsan: heap-use-after-free -- the key's destructor freed it at exit
  say("total: %d", total);
  return 0;
}
