/* The fixed twin of racy_counter.c: counter_add_locked() holds the counter's mutex around the update, so every
 * unlock happens before the next lock and TSan reports nothing. Every update counts: the total is exact. */
// expect-tsan: none
// expect-output: counted 2000
#include "counter.h"

#include <stdio.h>

static struct counter shared;

static void *add_many(void *unused) {
  (void)unused;
  for (int i = 0; i < 1000; i++)
    counter_add_locked(&shared, 1);
  return NULL;
}

int main(void) {
  counter_init(&shared);
  pthread_t first, second;
  pthread_create(&first, NULL, add_many, NULL);
  pthread_create(&second, NULL, add_many, NULL);
  pthread_join(first, NULL);
  pthread_join(second, NULL);
  printf("counted %ld\n", counter_value(&shared));
  return 0;
}
