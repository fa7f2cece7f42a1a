// (a marker trails the pthread_create line)
#include <pthread.h>
#include <unistd.h>
static void *quick(void *a) { return 0; }
int main(void) {
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], 0, quick, 0); // expect-tsan: thread leak
  usleep(300000);
  return 0;
}
