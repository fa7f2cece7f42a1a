#include <pthread.h>
int main(void) {
  pthread_mutex_t m;
  pthread_mutex_init(&m, 0); // expect-tsan: destroy of a locked mutex
  pthread_mutex_lock(&m);
  pthread_mutex_destroy(&m);
  return 0;
}
