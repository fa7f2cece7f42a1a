/* Races on even-numbered runs only: a counter in the file $RACES_EVERY_OTHER_RUN_COUNTER says which run this
 * is. What a flaky case looks like to `--repeat`, made deterministic. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

int counter;
static atomic_int started;

static void *worker(void *arg) {
  (void)arg;
  counter = 1; // expect-tsan: data race
  atomic_store_explicit(&started, 1, memory_order_relaxed);
  return NULL;
}

static int next_run_number(void) {
  const char *path = getenv("RACES_EVERY_OTHER_RUN_COUNTER");
  int run = 0;
  FILE *file = path ? fopen(path, "r") : NULL;
  if (file) {
    if (fscanf(file, "%d", &run) != 1)
      run = 0;
    fclose(file);
  }
  file = path ? fopen(path, "w") : NULL;
  if (file) {
    fprintf(file, "%d\n", run + 1);
    fclose(file);
  }
  return run + 1;
}

int main(void) {
  pthread_t thread;
  int run = next_run_number();
  pthread_create(&thread, NULL, worker, NULL);
  if (run % 2 == 0) {
    while (!atomic_load_explicit(&started, memory_order_relaxed))
      ;
    counter = 2; // expect-tsan: data race
  }
  pthread_join(thread, NULL);
  printf("run %d, counter=%d\n", run, counter);
  return 0;
}
