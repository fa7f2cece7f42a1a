/* The mistake: thread A seeds rand() and expects the repeatable sequence its seed gives, but rand() draws from
 * one hidden state shared by the whole process, and thread B draws too. B's one draw between A's first and
 * second takes the number A would have had, so A's sequence is not the one srand(1) gives when A runs alone.
 * glibc's rand() takes a lock around that state inside the uninstrumented library, so there is not even a data
 * race for TSan to report, and it reports nothing. The fix is nrand48(), whose state the caller owns.
 * Source: glibc 2.36 stdlib/random.c __random; glibc 2.36 stdlib/rand.c rand. */
#include "../casebook.h"

// expect-tsan: none -- misses: rand()'s state is shared by every thread, not torn
// expect-output: Thread A's second number is not its own.

static invisible_barrier a_drew, b_drew;

static void *thread_b(void *unused) {
  (void)unused;
  invisible_barrier_wait(&a_drew);
  rand(); // expect-bug: shared state -- takes the number that was A's
  invisible_barrier_wait(&b_drew);
  return NULL;
}

int main(void) {
  pthread_t b;
  unsigned seed = 1;
  srand(seed);
  int alone[2]; /* the sequence seed 1 gives one thread on its own */
  alone[0] = rand();
  alone[1] = rand();
  invisible_barrier_init(&a_drew, 2);
  invisible_barrier_init(&b_drew, 2);
  srand(seed);
  pthread_create(&b, NULL, thread_b, NULL);
  int first = rand();
  invisible_barrier_wait(&a_drew);
  invisible_barrier_wait(&b_drew);
  int second = rand();
  say("Thread A's second number is %s.", first == alone[0] && second == alone[1] ? "its own" : "not its own");
  pthread_join(b, NULL);
  return 0;
}
