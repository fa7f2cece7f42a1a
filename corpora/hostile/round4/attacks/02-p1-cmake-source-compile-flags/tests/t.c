#include <stdio.h>
#include "counter.h"
// expect-tsan: none
int main(void) { printf("%ld\n", counter_run()); return 0; }
