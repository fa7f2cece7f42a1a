#include <pthread.h>
static const unsigned char blob[] = {
#embed "data.bin"
};
int counter;
static void *w(void *a) { counter += blob[0]; return a; } // expect-tsan: data race
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  counter++; // expect-tsan: data race
  pthread_join(t, 0);
  return 0;
}
