/* A hand-off that orders nothing for TSan (relaxed atomics) but says it does, through the annotations. */
#include <stdatomic.h>

void AnnotateHappensBefore(const char *file, int line, const volatile void *address);
void AnnotateHappensAfter(const char *file, int line, const volatile void *address);

void handoff_publish(atomic_int *flag) {
  AnnotateHappensBefore(__FILE__, __LINE__, flag);
  atomic_store_explicit(flag, 1, memory_order_relaxed);
}

void handoff_wait(atomic_int *flag) {
  while (atomic_load_explicit(flag, memory_order_relaxed) == 0) {
  }
  AnnotateHappensAfter(__FILE__, __LINE__, flag);
}
