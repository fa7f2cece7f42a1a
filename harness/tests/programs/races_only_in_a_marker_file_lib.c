/* The library half of races_only_in_a_marker_file.c: a constructor starts two threads that both write lib_counter
 * and lib_total, ordered only by TSan's invisible barrier (its own: invisible_barrier.h defines a global of the test's).
 * lib_counter's race is marked here; lib_total's is not, so it is a report that lies in this file alone. lib_quiet is
 * written by one thread only: its marker is never met. */
#include <pthread.h>

void __tsan_testonly_barrier_init(unsigned long long *barrier, unsigned count);
void __tsan_testonly_barrier_wait(unsigned long long *barrier);
static unsigned long long lib_barrier;
int lib_counter;
int lib_total __attribute__((aligned(64))); /* not beside lib_counter, whose race TSan would take for this one */
int lib_quiet;
static pthread_t lib_threads[2];

static void *lib_worker(void *arg) {
  __tsan_testonly_barrier_wait(&lib_barrier);
  if (arg)
    __tsan_testonly_barrier_wait(&lib_barrier);
  lib_counter++; // expect-tsan: data race
  lib_total++;
  if (!arg)
    __tsan_testonly_barrier_wait(&lib_barrier);
  else
    // expect-tsan: data race -- a standalone marker: it applies to the next line
    lib_quiet = 1;
  return NULL;
}

__attribute__((constructor)) static void lib_start(void) {
  __tsan_testonly_barrier_init(&lib_barrier, 2);
  pthread_create(&lib_threads[0], NULL, lib_worker, NULL);
  pthread_create(&lib_threads[1], NULL, lib_worker, &lib_threads[0]);
}

void lib_wait(void) {
  pthread_join(lib_threads[0], NULL);
  pthread_join(lib_threads[1], NULL);
}
