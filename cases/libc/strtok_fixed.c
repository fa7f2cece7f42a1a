/* The fix: strtok_r() keeps its position in a pointer the caller passes, here one per thread, so thread B
 * starting on its own line cannot move thread A's place. A's second call reads only A's own line, its second
 * field is a2, and TSan reports nothing.
 * Source: glibc 2.36 string/strtok_r.c __strtok_r; POSIX.1-2017 strtok(). */
#include "../casebook.h"
#include <string.h>

// expect-tsan: none
// expect-output: Thread A's second field is a2.

static invisible_barrier a_started, b_started, a_done;

static void *thread_b(void *unused) {
  (void)unused;
  char line[] = "b1,b2,b3";
  char *position;
  invisible_barrier_wait(&a_started);
  strtok_r(line, ",", &position);
  invisible_barrier_wait(&b_started);
  invisible_barrier_wait(&a_done); /* B's line must outlive A's last call */
  return NULL;
}

int main(void) {
  pthread_t b;
  char line[] = "a1,a2,a3";
  char *position;
  invisible_barrier_init(&a_started, 2);
  invisible_barrier_init(&b_started, 2);
  invisible_barrier_init(&a_done, 2);
  pthread_create(&b, NULL, thread_b, NULL);
  strtok_r(line, ",", &position);
  invisible_barrier_wait(&a_started);
  invisible_barrier_wait(&b_started);
  const char *second = strtok_r(NULL, ",", &position);
  say("Thread A's second field is %s.", second);
  invisible_barrier_wait(&a_done);
  pthread_join(b, NULL);
  return 0;
}
