/* Hides two races with one rule on its first run and, run again, races once where the rule matches and once in a
 * library file it does not: as many reports as the rule matched, but not the ones it matched. The harness once
 * counted only how many reports the rerun added, found two, took both for what the rule hid, and said met.
 * HIDES_TWO_RACES_COUNTER names a file that counts the runs (odd: a race in total_worker and one in
 * total_worker_again; even: the first of them and the library's). */
#include "races_inside_a_library_lib.c"

#include <stdio.h>
#include <stdlib.h>

// tsan-options: suppressions=picks_its_race_by_pid.supp
// expect-tsan: none
// expect-suppressed: race:total_worker 2 -- both races of the total workers, on purpose

int shared_total, shared_count;

/* Two threads run `worker`, the second after the first's access (the invisible barrier: no happens-before edge). */
static void race_through(void *(*worker)(void *)) {
  pthread_t first, second;
  overlap_init();
  pthread_create(&first, NULL, worker, NULL);
  pthread_create(&second, NULL, worker, &first);
  pthread_join(first, NULL);
  pthread_join(second, NULL);
}

static void *total_worker(void *arg) {
  overlap_wait();
  if (arg)
    overlap_wait();
  shared_total++;
  if (!arg)
    overlap_wait();
  return NULL;
}

static void *total_worker_again(void *arg) {
  overlap_wait();
  if (arg)
    overlap_wait();
  shared_count++;
  if (!arg)
    overlap_wait();
  return NULL;
}

static long run_number(void) {
  const char *path = getenv("HIDES_TWO_RACES_COUNTER");
  long count = 0;
  FILE *file = path ? fopen(path, "r") : NULL;
  if (file) {
    if (fscanf(file, "%ld", &count) != 1)
      count = 0;
    fclose(file);
  }
  file = path ? fopen(path, "w") : NULL;
  if (file) {
    fprintf(file, "%ld\n", count + 1);
    fclose(file);
  }
  return count + 1;
}

int main(void) {
  long run = run_number();
  race_through(total_worker);
  if (run % 2 == 1)
    race_through(total_worker_again);
  else
    lib_run();
  printf("total %d, count %d\n", shared_total, shared_count);
  return 0;
}
