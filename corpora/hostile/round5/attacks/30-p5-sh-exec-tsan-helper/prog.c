#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int g;
static void *w(void *a) { g++; return 0; } // expect-tsan: data race
int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "helper")) {
    pthread_t t; pthread_create(&t, 0, w, 0);
    g++; // expect-tsan: data race
    pthread_join(t, 0);
    return 0;
  }
  char cmd[4096]; snprintf(cmd, sizeof cmd, "exec '%s' helper; echo never", argv[0]);
  int st = system(cmd);
  return st == (66 << 8) ? 0 : 1;
}
