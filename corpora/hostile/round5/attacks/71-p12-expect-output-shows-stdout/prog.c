#include <stdio.h>
// expect-tsan: none
// expect-output: total=3
int main(void) { printf("total=2\n"); return 0; }
