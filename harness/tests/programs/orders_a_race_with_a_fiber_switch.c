/* Two writes to `shared` ordered only by a relaxed flag, and for TSan by its fiber API
 * (include/sanitizer/tsan_interface.h): the worker switches to a fiber and back after its write, main switches to
 * the same fiber before its write; a switch with flags 0 releases and acquires on the fiber. */
#include <pthread.h>
#include <stdatomic.h>
void *__tsan_get_current_fiber(void);
void *__tsan_create_fiber(unsigned flags);
void __tsan_switch_to_fiber(void *fiber, unsigned flags);
int shared;
void *fiber;
atomic_int done;
static void *w(void *a) {
  shared = 1;
  void *self = __tsan_get_current_fiber();
  __tsan_switch_to_fiber(fiber, 0);
  __tsan_switch_to_fiber(self, 0);
  atomic_store_explicit(&done, 1, memory_order_relaxed);
  return a;
}
int main(void) {
  fiber = __tsan_create_fiber(0);
  pthread_t t; pthread_create(&t, 0, w, 0);
  while (!atomic_load_explicit(&done, memory_order_relaxed)) ;
  void *self = __tsan_get_current_fiber();
  __tsan_switch_to_fiber(fiber, 0);
  shared = 2;
  __tsan_switch_to_fiber(self, 0);
  pthread_join(t, 0);
  return 0;
}
// expect-tsan: none
