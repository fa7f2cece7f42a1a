#include <pthread.h>
#include <unistd.h>
#include <stdatomic.h>
int shared;
atomic_int done;
static void *w(void *a) { shared = 1; atomic_store_explicit(&done, 1, memory_order_relaxed); return a; }
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  while (!atomic_load_explicit(&done, memory_order_relaxed)) ;
  usleep(400000);
  shared = 2;
  pthread_join(t, 0);
  return 0;
}
// expect-tsan: none
