#include "counter.h"

#ifndef COUNTER_STEP
#error COUNTER_STEP comes from the library's compile definitions
#endif

void counter_bump(void) { store_put(store_get() + COUNTER_STEP); }

int counter_value(void) { return store_get(); }
