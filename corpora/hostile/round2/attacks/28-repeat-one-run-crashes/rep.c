#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
int counter;
static void *w(void *a) { counter++; return a; } // expect-tsan: data race
int main(void) {
  int n = 0;
  FILE *f = fopen("runs.txt", "r");
  if (f) { if (fscanf(f, "%d", &n) != 1) n = 0; fclose(f); }
  f = fopen("runs.txt", "w"); fprintf(f, "%d\n", n + 1); fclose(f);
  if (n == 1) abort();
  pthread_t t; pthread_create(&t, 0, w, 0);
  counter++; // expect-tsan: data race
  pthread_join(t, 0);
  return 0;
}
