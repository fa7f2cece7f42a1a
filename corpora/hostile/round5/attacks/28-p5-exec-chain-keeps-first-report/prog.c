#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
int g;
static void *w(void *a) { g++; return 0; } // expect-tsan: data race
int main(int argc, char **argv) {
  int gen = argc > 1 ? atoi(argv[1]) : 0;
  if (gen == 0) {
    pthread_t t; pthread_create(&t, 0, w, 0);
    g++; // expect-tsan: data race
    pthread_join(t, 0);
  }
  if (gen < 3) { char b[8]; snprintf(b, sizeof b, "%d", gen + 1); execl("/proc/self/exe", argv[0], b, (char *)0); return 9; }
  return 0;
}
