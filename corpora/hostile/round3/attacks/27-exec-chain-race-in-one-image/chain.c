// expect-tsan: none
/* The program re-execs itself 12 times (a restart loop); only the 7th image
   races. Every image writes tsan.PID under the same pid. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
int counter;
static void *worker(void *a) { counter++; return 0; }
int main(int argc, char **argv) {
  int gen = argc > 1 ? atoi(argv[1]) : 0;
  if (gen == 7) {
    pthread_t t;
    pthread_create(&t, 0, worker, 0);
    counter++;
    pthread_join(t, 0);
  }
  if (gen < 12) {
    char next[16];
    snprintf(next, sizeof next, "%d", gen + 1);
    execl("/proc/self/exe", argv[0], next, (char *)0);
    return 1;
  }
  return 0;
}
