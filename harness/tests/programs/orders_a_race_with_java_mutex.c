/* Like orders_a_race_with_java_acquire_release.c, with the Java interface's monitor: __tsan_java_mutex_lock/unlock
 * on a word of the program make TSan see a lock that no thread takes. */
#include <pthread.h>
#include <stdatomic.h>
void __tsan_java_mutex_lock(unsigned long addr);
void __tsan_java_mutex_unlock(unsigned long addr);
int shared;
static long monitor;
atomic_int done;
static void *w(void *a) {
  __tsan_java_mutex_lock((unsigned long)&monitor);
  shared = 1;
  __tsan_java_mutex_unlock((unsigned long)&monitor);
  atomic_store_explicit(&done, 1, memory_order_relaxed);
  return a;
}
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  while (!atomic_load_explicit(&done, memory_order_relaxed)) ;
  __tsan_java_mutex_lock((unsigned long)&monitor);
  __tsan_java_mutex_unlock((unsigned long)&monitor);
  shared = 2;
  pthread_join(t, 0);
  return 0;
}
// expect-tsan: none
