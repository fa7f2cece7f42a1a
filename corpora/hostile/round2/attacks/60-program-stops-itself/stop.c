#include <pthread.h>
#include <signal.h>
int counter;
static void *w(void *a) { counter++; return a; } // expect-tsan: data race
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  counter++; // expect-tsan: data race
  pthread_join(t, 0);
  raise(SIGSTOP);
  return 0;
}
