#include "counter.h"
static int value;
static __thread int calls;
#ifdef COUNTER_TRACE
#include "trace_hooks.h"
#else
static void trace(void) { __atomic_fetch_add(&value, 1, __ATOMIC_RELAXED); }
#endif
void counter_bump(void) {
  trace();
  calls++; // expect-tsan: data race
}
int counter_get(void) { return __atomic_load_n(&value, __ATOMIC_RELAXED) + calls; }
