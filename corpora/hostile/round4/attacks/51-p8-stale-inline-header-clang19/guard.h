#include <pthread.h>
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static inline void guard_on(void) { pthread_mutex_lock(&m); }
static inline void guard_off(void) { pthread_mutex_unlock(&m); }
