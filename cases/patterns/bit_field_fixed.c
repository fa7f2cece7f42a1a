/* The fix: each thread's count gets its own memory location, a whole unsigned char instead of 4 bits. C11
 * promises that separate non-bit-field members can be written independently, the compiler writes just that byte,
 * and TSan, which tracks accesses to the byte, sees no two threads touching the same one: it reports nothing.
 * (Keeping the bit fields and taking one lock around every write to them would work too.)
 * Source: C11 3.14; compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_shadow.h Shadow (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: First counted 1, Second counted 1

static struct {
  unsigned char first;
  unsigned char second;
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
  counts.second += 1;
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
