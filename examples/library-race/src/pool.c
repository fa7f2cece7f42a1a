#include "pool.h"
#include <pthread.h>

static long total;
static long calls; /* statistics only: a known race, which the tests suppress and declare */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void count_call(void) { calls++; }

static void *add_unlocked(void *value) {
  count_call();
  total += (long)value;
  return NULL;
}

static void *add_locked(void *value) {
  pthread_mutex_lock(&lock);
  count_call();
  total += (long)value;
  pthread_mutex_unlock(&lock);
  return NULL;
}

static long run(void *(*worker)(void *), int threads) {
  pthread_t ids[16];
  total = 0;
  if (threads > 16)
    threads = 16;
  for (int i = 0; i < threads; i++)
    pthread_create(&ids[i], NULL, worker, (void *)(long)(i + 1));
  for (int i = 0; i < threads; i++)
    pthread_join(ids[i], NULL);
  return total;
}

long pool_sum_racy(int threads) { return run(add_unlocked, threads); }

long pool_sum_locked(int threads) { return run(add_locked, threads); }
