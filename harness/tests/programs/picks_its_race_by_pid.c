/* A program whose two executions race in different places: on a run whose pid is odd, in total_worker of this file
 * (the code under test, which its suppressions file hides with race:total_worker); on a run whose pid is even, in
 * the library file included below (its frames name that file, so the race touches no code the markers name). The
 * harness hides nothing of its own: when the rule matched, it reruns the program without the case's suppressions to
 * see what the rule hid. On an even pid that rerun shows the library's race instead, which the harness once took
 * for "what the rule hid", found outside the code under test, and said met.
 * PICKS_ITS_RACE_COUNTER, when set, names a file that counts the runs: the count's parity replaces the pid's, so a
 * test can make the first run odd and the rerun even every time. PICKS_ITS_RACE_ALWAYS_ODD makes every run odd. */
#include "races_inside_a_library_lib.c"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

// tsan-options: suppressions=picks_its_race_by_pid.supp
// expect-tsan: none

int shared_total;

static void *total_worker(void *arg) {
  overlap_wait();
  if (arg)
    overlap_wait();
  shared_total++;
  if (!arg)
    overlap_wait();
  return NULL;
}

static long run_number(void) {
  const char *path = getenv("PICKS_ITS_RACE_COUNTER");
  if (!path)
    return getenv("PICKS_ITS_RACE_ALWAYS_ODD") ? 1 : (long)getpid();
  long run = 0;
  FILE *file = fopen(path, "r");
  if (file) {
    if (fscanf(file, "%ld", &run) != 1)
      run = 0;
    fclose(file);
  }
  file = fopen(path, "w");
  if (file) {
    fprintf(file, "%ld\n", run + 1);
    fclose(file);
  }
  return run + 1;
}

int main(void) {
  if (run_number() % 2 == 0) {
    lib_run();
    return 0;
  }
  pthread_t first, second;
  overlap_init();
  pthread_create(&first, NULL, total_worker, NULL);
  pthread_create(&second, NULL, total_worker, &first);
  pthread_join(first, NULL);
  pthread_join(second, NULL);
  printf("total %d\n", shared_total);
  return 0;
}
