/* No race: a thread sums a global array of doubles (SSE's movsd, which shares its Capstone id with the string
 * instruction movsd) and calls a function chosen by an ifunc resolver, through the PLT's IRELATIVE slot. */
#include <pthread.h>
#include <stdio.h>

static double samples[64];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int total;

static void add_locked(void) {
  pthread_mutex_lock(&lock);
  total++;
  pthread_mutex_unlock(&lock);
}

static void (*resolve_add(void))(void) { return add_locked; }
void add(void) __attribute__((ifunc("resolve_add")));

static void *worker(void *arg) {
  double sum = 0;
  for (int i = 0; i < 64; i++)
    sum += samples[i];
  add();
  *(double *)arg = sum;
  return NULL;
}

// expect-tsan: none
int main(void) {
  for (int i = 0; i < 64; i++)
    samples[i] = i * 1.5;
  pthread_t thread;
  double sum = 0;
  pthread_create(&thread, NULL, worker, &sum);
  pthread_join(thread, NULL);
  add();
  printf("sum=%g total=%d\n", sum, total);
  return 0;
}
