/* As many workers as the first argument says (tsan_verify_add_test's ARGS, or the action's `args`) add to the locked
 * counter: no race however many there are, and the total shows that the argument reached the program. */
// expect-tsan: none
// expect-output: 4 workers counted 4000
#include "counter.h"

#include <stdio.h>
#include <stdlib.h>

static struct counter shared;

static void *add_many(void *unused) {
  (void)unused;
  for (int i = 0; i < 1000; i++)
    counter_add_locked(&shared, 1);
  return NULL;
}

int main(int argc, char **argv) {
  int workers = argc > 1 ? atoi(argv[1]) : 1;
  if (workers < 1 || workers > 64) {
    fprintf(stderr, "usage: worker_count [1..64]\n");
    return 2;
  }
  counter_init(&shared);
  pthread_t threads[64];
  for (int i = 0; i < workers; i++)
    pthread_create(&threads[i], NULL, add_many, NULL);
  for (int i = 0; i < workers; i++)
    pthread_join(threads[i], NULL);
  printf("%d workers counted %ld\n", workers, counter_value(&shared));
  return 0;
}
