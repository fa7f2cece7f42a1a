/* A race in each of two files of one program: main_counter here, lib_counter in marks_two_files_lib.c. Each file
 * marks its own race, so a check that reads the markers of one file only cannot be met. Tests copy both files. */
#include "invisible_barrier.h"

void lib_bump(void);
int main_counter;

static void *worker(void *arg) {
  overlap_wait();
  if (arg)
    overlap_wait();
  main_counter++; // expect-tsan: data race
  lib_bump();
  if (!arg)
    overlap_wait();
  return NULL;
}

int main(void) {
  pthread_t first, second;
  overlap_init();
  pthread_create(&first, NULL, worker, NULL);
  pthread_create(&second, NULL, worker, &first);
  pthread_join(first, NULL);
  pthread_join(second, NULL);
  return 0;
}
