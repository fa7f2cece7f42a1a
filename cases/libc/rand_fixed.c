/* The fix: rand_r() keeps its state in a variable the caller passes, one per thread, so thread B's draw cannot
 * take thread A's number: A's sequence is the one its seed gives it alone. TSan reports nothing, as for the
 * mistake; here there is nothing to report. */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Thread A's second number is its own.

static invisible_barrier a_drew, b_drew;

static void *thread_b(void *unused) {
  (void)unused;
  unsigned state = 2;
  invisible_barrier_wait(&a_drew);
  rand_r(&state);
  invisible_barrier_wait(&b_drew);
  return NULL;
}

int main(void) {
  pthread_t b;
  unsigned seed = 1, state = seed;
  int alone[2]; /* the sequence seed 1 gives one thread on its own */
  alone[0] = rand_r(&state);
  alone[1] = rand_r(&state);
  invisible_barrier_init(&a_drew, 2);
  invisible_barrier_init(&b_drew, 2);
  state = seed;
  pthread_create(&b, NULL, thread_b, NULL);
  int first = rand_r(&state);
  invisible_barrier_wait(&a_drew);
  invisible_barrier_wait(&b_drew);
  int second = rand_r(&state);
  say("Thread A's second number is %s.", first == alone[0] && second == alone[1] ? "its own" : "not its own");
  pthread_join(b, NULL);
  return 0;
}
