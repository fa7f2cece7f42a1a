/* Two threads count in a plain loop on one shared counter, with no lock: a data race. Where TSan says it is
 * depends on the build. gcc -O1 reads the counter once before the loop and writes it once after it, and files both
 * accesses under the `for` line; clang at every level, and gcc at every other level, touch it in the body (from -O2
 * gcc puts the read on the `for` line and the write in the body, which still hits the body's marker). Measured with
 * clang 13/14/15/16/19 and gcc 11/12 at O0, O1, O2, O3, Os (and Oz, Ofast, Og with clang 14, 16, 19 and gcc 12). */
#include <pthread.h>
#include <stdio.h>

/* The runtime's invisible barrier: the threads take turns (see main), and TSan sees no synchronization between them. */
void __tsan_testonly_barrier_init(unsigned long long *barrier, unsigned count);
void __tsan_testonly_barrier_wait(unsigned long long *barrier);

static unsigned long long first_done, second_done;
static long counter;

static void *count(void *turn) {
  if (turn)
    __tsan_testonly_barrier_wait(&first_done);
  for (int i = 0; i < 1000; i++) // expect-tsan[gcc,O1]: data race
    // expect-tsan[clang]: data race
    // expect-tsan[gcc,O0,O2,O3,Os,Oz,Ofast,Og]: data race
    counter++;
  if (!turn)
    __tsan_testonly_barrier_wait(&first_done);
  __tsan_testonly_barrier_wait(&second_done);
  return NULL;
}

/* The first thread counts, then the second, while the first stays alive: the second's first access meets the first's
 * last one, which the first's history surely still holds (when both counted at once, on a loaded machine the access a
 * report needed could already have left gcc's v2 history, and the report showed only the other line). */
int main(void) {
  pthread_t first, second;
  __tsan_testonly_barrier_init(&first_done, 2);
  __tsan_testonly_barrier_init(&second_done, 2);
  pthread_create(&first, NULL, count, NULL);
  pthread_create(&second, NULL, count, (void *)1);
  pthread_join(first, NULL);
  pthread_join(second, NULL);
  printf("counter=%ld\n", counter);
  return 0;
}
