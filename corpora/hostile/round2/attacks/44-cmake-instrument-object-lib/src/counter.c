#include "counter.h"
int counter_value;
void counter_bump(void) { counter_value++; }
