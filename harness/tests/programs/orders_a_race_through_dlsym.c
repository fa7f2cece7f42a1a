/* Two writes to `shared` ordered only by a relaxed flag, and for TSan by __tsan_release/__tsan_acquire that the
 * program looks up by name with dlsym(RTLD_DEFAULT, ...): its code calls no annotation, it only holds the names. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
int shared;
static long sync_word;
atomic_int done;
typedef void (*ann_fn)(void *);
static ann_fn tsan_fn(const char *name) { return (ann_fn)dlsym(RTLD_DEFAULT, name); }
static void *w(void *a) {
  shared = 1;
  ann_fn rel = tsan_fn("__tsan_release");
  if (rel) rel(&sync_word);
  atomic_store_explicit(&done, 1, memory_order_relaxed);
  return a;
}
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  while (!atomic_load_explicit(&done, memory_order_relaxed)) ;
  ann_fn acq = tsan_fn("__tsan_acquire");
  if (acq) acq(&sync_word);
  shared = 2;
  pthread_join(t, 0);
  return 0;
}
// expect-tsan: none
