// expect-tsan: none
#include <pthread.h>
#include <unistd.h>
static void *quick(void *a) { return 0; }
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, quick, 0);
  usleep(200000);   /* the thread has finished; it is never joined */
  return 0;
}
