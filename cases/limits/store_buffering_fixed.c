/* The fix: the flags' stores and loads are seq_cst. All seq_cst operations fall in one total order that every
 * thread's loads agree with, so whichever thread's store comes first in it is seen by the other thread's load:
 * at most one thread enters, and `count` is never written by both. TSan reports nothing here either, and this time
 * it is right.
 * Source: C11 7.17.3p6. */
#include "../casebook.h"
#include <stdatomic.h>

// expect-tsan: none
// expect-bug: none

static atomic_int wants[2];
static int count;
static invisible_barrier start;

static void *contender(void *arg) {
  int me = *(int *)arg, other = 1 - me;
  invisible_barrier_wait(&start); /* both try to enter at once */
  atomic_store_explicit(&wants[me], 1, memory_order_seq_cst);
  if (atomic_load_explicit(&wants[other], memory_order_seq_cst) == 0)
    count++;
  atomic_store_explicit(&wants[me], 0, memory_order_seq_cst);
  return NULL;
}

int main(void) {
  static int ids[2] = {0, 1};
  pthread_t threads[2];
  invisible_barrier_init(&start, 2);
  for (int i = 0; i < 2; i++)
    pthread_create(&threads[i], NULL, contender, &ids[i]);
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  say("entries: %d", count);
  return 0;
}
