/* The fix: nrand48() keeps the generator's whole state in an array the caller passes, one per thread, so thread
 * B's draw cannot take thread A's number: A's sequence is the one its seed gives it alone. (rand_r(), the older
 * answer, kept only 32 bits of state and was removed in POSIX.1-2024.) glibc shares only the generator's
 * constants between callers, set on the very first call, which here is main's, before B exists. TSan reports
 * nothing, as for the mistake; here there is nothing to report.
 * Source: POSIX.1-2024 drand48(); glibc 2.36 stdlib/drand48-iter.c __drand48_iterate. */
#include "../casebook.h"
#include <string.h>

// expect-tsan: none
// expect-output: Thread A's second number is its own.

static invisible_barrier a_drew, b_drew;

static void *thread_b(void *unused) {
  (void)unused;
  unsigned short state[3] = {2, 0, 0}; /* B's own */
  invisible_barrier_wait(&a_drew);
  nrand48(state);
  invisible_barrier_wait(&b_drew);
  return NULL;
}

int main(void) {
  pthread_t b;
  const unsigned short seed[3] = {1, 0, 0};
  unsigned short state[3];
  memcpy(state, seed, sizeof state);
  int alone[2]; /* the sequence seed 1 gives one thread on its own */
  alone[0] = nrand48(state);
  alone[1] = nrand48(state);
  invisible_barrier_init(&a_drew, 2);
  invisible_barrier_init(&b_drew, 2);
  memcpy(state, seed, sizeof state);
  pthread_create(&b, NULL, thread_b, NULL);
  int first = nrand48(state);
  invisible_barrier_wait(&a_drew);
  invisible_barrier_wait(&b_drew);
  int second = nrand48(state);
  say("Thread A's second number is %s.", first == alone[0] && second == alone[1] ? "its own" : "not its own");
  pthread_join(b, NULL);
  return 0;
}
