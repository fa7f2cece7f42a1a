/* Two threads add to one counter through counter_add_racy(), which takes no lock. Nothing orders one thread's
 * read-modify-write before the other's, so TSan reports a data race: two writes to counter.value, inside the
 * library, reached from the line below (the innermost frame in this file, which is where the marker goes). */
#include "counter.h"

#include <stdio.h>

static struct counter shared;

static void *add_many(void *unused) {
  (void)unused;
  for (int i = 0; i < 1000; i++)
    counter_add_racy(&shared, 1); // expect-tsan: data race
  return NULL;
}

int main(void) {
  counter_init(&shared);
  pthread_t first, second;
  pthread_create(&first, NULL, add_many, NULL);
  pthread_create(&second, NULL, add_many, NULL);
  pthread_join(first, NULL);
  pthread_join(second, NULL);
  printf("counted %ld (2000 unless an update was lost)\n", counter_value(&shared));
  return 0;
}
