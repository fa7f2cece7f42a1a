#include <pthread.h>
extern int counter;
extern pthread_mutex_t counter_lock;
static inline void counter_bump(void) {
  pthread_mutex_lock(&counter_lock);
  counter++; // expect-tsan: data race -- issue 41 (fixed: now locked)
  pthread_mutex_unlock(&counter_lock);
}
