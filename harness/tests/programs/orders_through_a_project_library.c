/* The worker writes `message` and main reads it, ordered by nothing but a relaxed flag: a race. The project's own
 * shared library (orders_through_a_project_library_lib.c, built with TSan and -g) tells TSan the two are ordered
 * with AnnotateHappensBefore/After, so TSan stays silent, and the case declares nothing. p01_instrumented builds it. */
#include "invisible_barrier.h"
#include <stdatomic.h>

void handoff_publish(atomic_int *flag);
void handoff_wait(atomic_int *flag);

static int message;
static atomic_int ready;

static void *worker(void *arg) {
  message = 42;
  handoff_publish(&ready);
  return arg;
}

// expect-tsan: none
int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  handoff_wait(&ready);
  int seen = message;
  pthread_join(thread, NULL);
  return seen == 42 ? 0 : 1;
}
