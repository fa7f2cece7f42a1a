#include "counter.h"

static int stored;

void store_put(int value) { stored = value; }

int store_get(void) { return stored; }
