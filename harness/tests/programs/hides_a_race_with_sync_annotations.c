/* Two workers increment `counter` with nothing ordering them that TSan can see, and tell TSan otherwise: each
 * brackets its increment with AnnotateHappensAfter/AnnotateHappensBefore on the counter (worker_a) or
 * __tsan_acquire/__tsan_release (worker_b). TSan's invisible barrier makes worker_a finish first, so the annotations
 * always order the two increments for TSan, and it reports nothing; without them it reports the race every run. */
#include "invisible_barrier.h"

#include <pthread.h>
#include <stdio.h>

void AnnotateHappensBefore(const char *file, int line, const volatile void *address);
void AnnotateHappensAfter(const char *file, int line, const volatile void *address);
void __tsan_acquire(void *address);
void __tsan_release(void *address);

static int counter;

static void *worker_a(void *unused) {
  AnnotateHappensAfter(__FILE__, __LINE__, &counter);
  counter++;
  AnnotateHappensBefore(__FILE__, __LINE__, &counter);
  overlap_wait();
  return unused;
}

static void *worker_b(void *unused) {
  overlap_wait();
  __tsan_acquire(&counter);
  counter++;
  __tsan_release(&counter);
  return unused;
}

// expect-tsan: none
int main(void) {
  pthread_t a, b;
  overlap_init();
  pthread_create(&a, NULL, worker_a, NULL);
  pthread_create(&b, NULL, worker_b, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("counter=%d\n", counter);
  return 0;
}
