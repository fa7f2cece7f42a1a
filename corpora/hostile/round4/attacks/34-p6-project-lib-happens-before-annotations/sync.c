#include <stdatomic.h>
void AnnotateHappensBefore(const char *f, int l, void *addr);
void AnnotateHappensAfter(const char *f, int l, void *addr);
static atomic_int ready;
void sync_publish(void) { AnnotateHappensBefore(__FILE__, __LINE__, &ready); atomic_store_explicit(&ready, 1, memory_order_relaxed); }
void sync_wait(void) { while (!atomic_load_explicit(&ready, memory_order_relaxed)) ; AnnotateHappensAfter(__FILE__, __LINE__, &ready); }
