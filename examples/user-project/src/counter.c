#include "counter.h"

void counter_init(struct counter *counter) {
  pthread_mutex_init(&counter->lock, NULL);
  counter->value = 0;
}

void counter_add_racy(struct counter *counter, long amount) { counter->value += amount; }

void counter_add_locked(struct counter *counter, long amount) {
  pthread_mutex_lock(&counter->lock);
  counter->value += amount;
  pthread_mutex_unlock(&counter->lock);
}

long counter_value(struct counter *counter) {
  pthread_mutex_lock(&counter->lock);
  long value = counter->value;
  pthread_mutex_unlock(&counter->lock);
  return value;
}
