/* Prints 50 MB to stdout and 50 MB to stderr, then races: the harness keeps 8 MiB of each stream and after that only
 * TSan's lines, so the report printed after the flood is still seen and memory stays bounded. */
#include <pthread.h>
#include "invisible_barrier.h"
#include <stdio.h>
#include <string.h>

int counter;

static void *worker(void *arg) {
  (void)arg;
  counter = 1; // expect-tsan: data race
  overlap_wait();
  overlap_wait();
  return NULL;
}

int main(void) {
  static char line[1001];
  memset(line, 'x', sizeof line - 2);
  line[sizeof line - 2] = '\n';
  for (int i = 0; i < 50 * 1000; i++) {
    fputs(line, stdout);
    fputs(line, stderr);
  }
  fflush(stdout);
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  counter = 2; // expect-tsan: data race
  overlap_wait();
  pthread_join(thread, NULL);
  return 0;
}
