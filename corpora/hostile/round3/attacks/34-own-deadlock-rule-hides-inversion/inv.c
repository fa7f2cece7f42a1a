// expect-tsan: none
// tsan-options: suppressions=known.supp
/* Two locks taken in opposite orders by two functions of the case (never at
   the same time: TSan's lock-order graph still reports it). The case's own
   suppressions file hides every deadlock report, undeclared. */
#include <pthread.h>
static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
static void ab(void) {
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
}
static void ba(void) {
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&a);
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&b);
}
int main(void) {
  ab();
  ba();
  return 0;
}
