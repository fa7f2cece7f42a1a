/* racy.c, with an expected output it never prints: the verdict quotes what stdout held. */
#include <pthread.h>

/* The invisible barrier (see invisible_barrier.h); declared here because tests copy this file elsewhere. */
#if defined(__has_feature) && !defined(__SANITIZE_THREAD__)
#if __has_feature(thread_sanitizer)
#define __SANITIZE_THREAD__ 1
#endif
#endif
#ifdef __SANITIZE_THREAD__
void __tsan_testonly_barrier_init(unsigned long long *barrier, unsigned count);
void __tsan_testonly_barrier_wait(unsigned long long *barrier);
static unsigned long long overlap_barrier;
static void overlap_init(void) { __tsan_testonly_barrier_init(&overlap_barrier, 2); }
static void overlap_wait(void) { __tsan_testonly_barrier_wait(&overlap_barrier); }
#else
static pthread_barrier_t overlap_barrier;
static void overlap_init(void) { pthread_barrier_init(&overlap_barrier, NULL, 2); }
static void overlap_wait(void) { pthread_barrier_wait(&overlap_barrier); }
#endif
#include <stdio.h>

int counter;

static void *worker(void *arg) {
  (void)arg;
  counter = 1; // expect-tsan: data race
  overlap_wait();
  overlap_wait();
  return NULL;
}

// expect-output: counter=7
int main(void) {
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  counter = 2; // expect-tsan: data race
  overlap_wait();
  pthread_join(thread, NULL);
  printf("counter=%d\n", counter);
  return 0;
}
