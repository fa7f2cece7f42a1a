/* The mistake: a race on a bit field. First and Second each count their own updates, in adjacent bit fields of
 * one struct, so each seems to own "its" field. But the machine cannot write 4 bits: `counts.second += 1` reads
 * the whole storage unit, changes 4 bits and writes the unit back, and can undo First's concurrent change. TSan
 * reports the data race, rightly: Second's read-modify-write of the shared unit against First's write of it.
 * Second waits (on the invisible barrier) until First has written, so the counts stay right and the report is
 * the same on every run.
 * Source: C11 3.14; C11 5.1.2.4p25; compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14). */
#include "../casebook.h"

// expect-output: First counted 1, Second counted 1

static struct {
  unsigned first : 4;
  unsigned second : 4;
} counts;
static invisible_barrier first_done;

static void *first(void *arg) {
  (void)arg;
  counts.first += 1;
  invisible_barrier_wait(&first_done);
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  invisible_barrier_wait(&first_done);
  counts.second += 1; // expect-tsan: data race -- the same byte as First's field
  return NULL;
}

int main(void) {
  pthread_t threads[2];
  invisible_barrier_init(&first_done, 2);
  pthread_create(&threads[0], NULL, first, NULL);
  pthread_create(&threads[1], NULL, second, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  say("First counted %u, Second counted %u", counts.first, counts.second);
  return 0;
}
