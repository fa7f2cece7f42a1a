#include <stdio.h>
int twice(int);
// expect-tsan: none
int main(void) { printf("%d\n", twice(21)); return 0; }
