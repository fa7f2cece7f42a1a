// expect-tsan: none
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
int counter;
static void *worker(void *a) { counter++; return 0; }
int main(int argc, char **argv) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  counter++;
  pthread_join(t, 0);
  int big = INT_MAX - 1 + argc;      /* argc is 1 */
  int next = big + argc;             /* signed overflow, after the race */
  printf("%d %d\n", next, counter);
  return 0;
}
