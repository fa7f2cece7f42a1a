// expect-tsan: none
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
int counter;
static void *worker(void *a) { counter++; return 0; }
int main(int argc, char **argv) {
  int big = INT_MAX - 1 + argc;      /* argc is 1 */
  int next = big + argc;             /* signed overflow: UBSan's report */
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  counter++;
  pthread_join(t, 0);
  printf("%d %d\n", next, counter);
  return 0;
}
