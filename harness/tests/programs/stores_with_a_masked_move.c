/* A race whose writing side is a masked store (maskmovdqu), whose destination is rdi, named by no memory operand:
 * clang's pass does not instrument the intrinsic, and the run is silent. */
#include <pthread.h>
#include <immintrin.h>
#include "invisible_barrier.h"

int counters[4] __attribute__((aligned(16)));

static void *worker(void *arg) {
  (void)arg;
  counters[0] = 1;
  overlap_wait();
  overlap_wait();
  return NULL;
}

// expect-tsan: none
int main(void) {
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  _mm_maskmoveu_si128(_mm_set1_epi32(7), _mm_set1_epi8((char)0x80), (char *)counters);
  overlap_wait();
  pthread_join(thread, NULL);
  return 0;
}
