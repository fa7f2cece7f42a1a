/* Two writes to `shared`, ordered only by a relaxed flag TSan does not count as synchronization, and ordered for
 * TSan by its Java interface called from C: __tsan_java_release/__tsan_java_acquire on a word of the program
 * (compiler-rt tsan_interface_java.cpp; exported by every runtime, usable without __tsan_java_init). Without the
 * two calls TSan reports the race every run. */
#include <pthread.h>
#include <stdatomic.h>
void __tsan_java_release(unsigned long addr);
void __tsan_java_acquire(unsigned long addr);
int shared;
static long sync_word;
atomic_int done;
static void *w(void *a) {
  shared = 1;
  __tsan_java_release((unsigned long)&sync_word);
  atomic_store_explicit(&done, 1, memory_order_relaxed);
  return a;
}
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  while (!atomic_load_explicit(&done, memory_order_relaxed)) ;
  __tsan_java_acquire((unsigned long)&sync_word);
  shared = 2;
  pthread_join(t, 0);
  return 0;
}
// expect-tsan: none
