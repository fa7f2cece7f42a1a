/* TSan's invisible barrier for the harness's own test programs: it orders two threads in time without the
 * happens-before edge a real barrier would create, so a race between them is reported in every run. */
#ifndef HARNESS_TEST_INVISIBLE_BARRIER_H
#define HARNESS_TEST_INVISIBLE_BARRIER_H

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define HARNESS_TEST_TSAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define HARNESS_TEST_TSAN 1
#endif

#include <pthread.h>

#ifdef HARNESS_TEST_TSAN
void __tsan_testonly_barrier_init(unsigned long long *barrier, unsigned count);
void __tsan_testonly_barrier_wait(unsigned long long *barrier);
static unsigned long long overlap_barrier;
/* Called once, before the second thread starts. */
static inline void overlap_init(void) { __tsan_testonly_barrier_init(&overlap_barrier, 2); }
/* Both threads meet here: once after the first write (so the second comes later), once after the second (so
 * the first thread is still alive, with its stack, when TSan reports). */
static inline void overlap_wait(void) { __tsan_testonly_barrier_wait(&overlap_barrier); }
#else
/* Built without TSan (to show the harness rejects such a binary): a real barrier does the same ordering. */
static pthread_barrier_t overlap_barrier;
static inline void overlap_init(void) { pthread_barrier_init(&overlap_barrier, NULL, 2); }
static inline void overlap_wait(void) { pthread_barrier_wait(&overlap_barrier); }
#endif

/* The race the hostile programs hide in their own ways: a worker and main both write race_counter, ordered only by
 * the barrier. Marked `none` in those programs, so the verdict is "not met" whenever the harness sees it. */
int race_counter;

static void *race_worker(void *arg) {
  (void)arg;
  race_counter = 1;
  overlap_wait();
  overlap_wait();
  return NULL;
}

static inline void race_on_a_counter(void) {
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, race_worker, NULL);
  overlap_wait();
  race_counter = 2;
  overlap_wait();
  pthread_join(thread, NULL);
}

#endif
