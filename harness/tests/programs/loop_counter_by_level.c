/* Two threads count in a plain loop on one shared counter, with no lock: a data race. Where TSan says it is
 * depends on the build. gcc -O1 reads the counter once before the loop and writes it once after it, and files both
 * accesses under the `for` line; clang at every level, and gcc at every other level, touch it in the body (from -O2
 * gcc puts the read on the `for` line and the write in the body, which still hits the body's marker). Measured with
 * clang 13/14/15/16/19 and gcc 11/12 at O0, O1, O2, O3, Os (and Oz, Ofast, Og with clang 14, 16, 19 and gcc 12). */
#include <pthread.h>
#include <stdio.h>

/* The runtime's invisible barrier: both loops run at once, and TSan sees no synchronization between them. */
void __tsan_testonly_barrier_init(unsigned long long *barrier, unsigned count);
void __tsan_testonly_barrier_wait(unsigned long long *barrier);

static unsigned long long both_counting;
static long counter;

static void *count(void *unused) {
  (void)unused;
  __tsan_testonly_barrier_wait(&both_counting);
  for (int i = 0; i < 1000; i++) // expect-tsan[gcc,O1]: data race
    // expect-tsan[clang]: data race
    // expect-tsan[gcc,O0,O2,O3,Os,Oz,Ofast,Og]: data race
    counter++;
  return NULL;
}

int main(void) {
  pthread_t first, second;
  __tsan_testonly_barrier_init(&both_counting, 2);
  pthread_create(&first, NULL, count, NULL);
  pthread_create(&second, NULL, count, NULL);
  pthread_join(first, NULL);
  pthread_join(second, NULL);
  printf("counter=%ld\n", counter);
  return 0;
}
