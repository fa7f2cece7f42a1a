#include <pthread.h>
#include <stdatomic.h>
void AnnotateHappensBefore(const char *f, int l, const volatile void *addr) __attribute__((weak));
void AnnotateHappensAfter(const char *f, int l, const volatile void *addr) __attribute__((weak));
int shared;
static long sync_word;
atomic_int done;
static void *w(void *a) {
  shared = 1;
  if (AnnotateHappensBefore) AnnotateHappensBefore(__FILE__, __LINE__, &sync_word);
  atomic_store_explicit(&done, 1, memory_order_relaxed);
  return a;
}
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  while (!atomic_load_explicit(&done, memory_order_relaxed)) ;
  if (AnnotateHappensAfter) AnnotateHappensAfter(__FILE__, __LINE__, &sync_word);
  shared = 2;
  pthread_join(t, 0);
  return 0;
}
// expect-tsan: none
