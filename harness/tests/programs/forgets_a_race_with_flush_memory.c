/* The worker writes `shared`; main waits on a relaxed flag, calls the public __tsan_flush_memory() (compiler-rt
 * tsan_rtl.cpp: the shadow memory is dropped, every recorded access forgotten), and writes `shared`: the race is never
 * reported. Without the call TSan reports it every run. */
#include <pthread.h>
#include <unistd.h>
#include <stdatomic.h>
void __tsan_flush_memory(void);
int shared;
atomic_int done;
static void *w(void *a) { shared = 1; atomic_store_explicit(&done, 1, memory_order_relaxed); return a; }
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  while (!atomic_load_explicit(&done, memory_order_relaxed)) ;
  __tsan_flush_memory();
  shared = 2;
  pthread_join(t, 0);
  return 0;
}
// expect-tsan: none
