#include <pthread.h>
#include <unistd.h>
int counter;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static void *worker(void *a) { pthread_mutex_lock(&m); counter++; pthread_mutex_unlock(&m); return 0; }
int main(void) {
  for (int fd = 3; fd < 1024; fd++) close(fd);   /* daemon hygiene: close everything */
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  pthread_mutex_lock(&m); counter++; pthread_mutex_unlock(&m);
  pthread_join(t, 0);
  return 0;
}
