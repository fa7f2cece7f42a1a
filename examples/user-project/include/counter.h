/* counter.h: a counter several threads add to, in two versions: one that races and one that locks. */
#ifndef COUNTER_H
#define COUNTER_H

#include <pthread.h>

struct counter {
  pthread_mutex_t lock;
  long value;
};

void counter_init(struct counter *counter);
/* The mistake: a read-modify-write with no lock, so two threads can read the same value and one update is lost. */
void counter_add_racy(struct counter *counter, long amount);
/* The fix: the same update under the counter's mutex. */
void counter_add_locked(struct counter *counter, long amount);
long counter_value(struct counter *counter);

#endif
