#include <pthread.h>
#include "counter.h"
static int value;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
void counter_bump(void) {
  value++;
}
void counter_bump_locked(void) { pthread_mutex_lock(&mu); value++; pthread_mutex_unlock(&mu); }
int counter_get(void) { return value; }
