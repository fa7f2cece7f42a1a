// expect-tsan: none
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
volatile int g;
static volatile int go;
void *w(void *a) { for (;;) { if (go) g = 1; usleep(1000); } return 0; }
__attribute__((destructor)) static void late(void) { go = 1; usleep(50000); g = 2; usleep(50000); }
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0); pthread_detach(t);
  return 0;
}
