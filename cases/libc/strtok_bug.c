/* The mistake: strtok() remembers where it stopped in one hidden static pointer, shared by every thread. Thread
 * A takes the first field of its line; thread B then starts on its own line, and A's next call continues in B's
 * line instead of A's. The pointer itself is inside the uninstrumented C library, but TSan's strtok
 * interceptor announces a read of the token each call returns, so it reports a data race at A's second call: its
 * token lies in B's line, which B wrote, with nothing ordering the two. The fix is strtok_r(), whose position the
 * caller keeps.
 * Source: glibc 2.36 string/strtok.c strtok; compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc strtok
 * (LLVM 14); POSIX.1-2017 XSH 2.9.1. */
#include "../casebook.h"
#include <string.h>

// expect-output: Thread A's second field is b2.

static invisible_barrier a_started, b_started, a_done;

static void *thread_b(void *unused) {
  (void)unused;
  char line[] = "b1,b2,b3";
  invisible_barrier_wait(&a_started);
  strtok(line, ",");
  invisible_barrier_wait(&b_started);
  invisible_barrier_wait(&a_done); /* B's line must outlive A's last call */
  return NULL;
}

int main(void) {
  pthread_t b;
  char line[] = "a1,a2,a3";
  invisible_barrier_init(&a_started, 2);
  invisible_barrier_init(&b_started, 2);
  invisible_barrier_init(&a_done, 2);
  pthread_create(&b, NULL, thread_b, NULL);
  strtok(line, ",");
  invisible_barrier_wait(&a_started);
  invisible_barrier_wait(&b_started);
  const char *second = strtok(NULL, ","); // expect-tsan: data race -- continues in B's line
  say("Thread A's second field is %s.", second);
  invisible_barrier_wait(&a_done);
  pthread_join(b, NULL);
  return 0;
}
