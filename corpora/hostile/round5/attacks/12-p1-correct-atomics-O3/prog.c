#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
static atomic_int hits;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long sum; static char buf[64];
static void *worker(void *a) {
  for (int i = 0; i < 1000; i++) {
    atomic_fetch_add_explicit(&hits, 1, memory_order_relaxed);
    pthread_mutex_lock(&mu); sum += i; memcpy(buf, "abcdefghabcdefgh", 16); pthread_mutex_unlock(&mu);
  }
  return 0;
}
// expect-tsan: none
// expect-output: 4000 1998000
int main(void) {
  pthread_t t[4];
  for (int i = 0; i < 4; i++) pthread_create(&t[i], 0, worker, 0);
  for (int i = 0; i < 4; i++) pthread_join(t[i], 0);
  printf("%d %ld %c\n", atomic_load(&hits), sum, buf[3]);
  return 0;
}
