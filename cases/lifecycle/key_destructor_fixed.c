/* The fix: the key's destructor copies each worker's count into `counts` before it frees the tally, and main sums
 * the copies after the joins. The destructor runs in the exiting worker, before pthread_join returns, so the join
 * orders the copy before main's read, and nothing freed is read: TSan reports nothing.
 * Source: POSIX.1-2017 pthread_key_create(); glibc 2.36 nptl/pthread_create.c start_thread; glibc 2.36
 * nptl/nptl_deallocate_tsd.c __nptl_deallocate_tsd. */
#include "../casebook.h"

// expect-tsan: none
// expect-output: total: 5

struct tally {
  int index;
  int count;
};

static pthread_key_t tally_key;
static invisible_barrier allocated; /* both tallies exist before either worker exits */
static int counts[2]; /* each worker's final count, handed over by its tally's destructor */

static void drop_tally(void *arg) {
  struct tally *tally = arg;
  counts[tally->index] = tally->count;
  free(tally);
}

static void *worker(void *arg) {
  struct tally *tally = malloc(sizeof *tally);
  *tally = (struct tally){*(int *)arg, 0};
  pthread_setspecific(tally_key, tally);
  for (int i = 0; i <= tally->index + 1; i++)
    tally->count++;
  invisible_barrier_wait(&allocated); /* the allocator cannot hand one worker's freed tally to the other */
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
    total += counts[i];
  say("total: %d", total);
  return 0;
}
