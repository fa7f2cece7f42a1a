/* No race: each thread fills and sums a variable-length array on its own stack (its base is a copy of the stack
 * pointer, aligned with `and`), which TSan's pass leaves alone. */
#include <pthread.h>
#include <stdio.h>

static void *worker(void *arg) {
  int n = *(int *)arg;
  int numbers[n];
  for (int i = 0; i < n; i++)
    numbers[i] = i * n;
  long sum = 0;
  for (int i = 0; i < n; i++)
    sum += numbers[i];
  printf("sum=%ld\n", sum);
  return NULL;
}

// expect-tsan: none
int main(void) {
  pthread_t thread;
  int n = 10;
  pthread_create(&thread, NULL, worker, &n);
  pthread_join(thread, NULL);
  return 0;
}
