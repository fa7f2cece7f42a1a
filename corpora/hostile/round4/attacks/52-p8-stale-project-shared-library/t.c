#include <stdio.h>
long counter_run(void);
// expect-tsan: none
int main(void) { printf("%ld\n", counter_run()); return 0; }
