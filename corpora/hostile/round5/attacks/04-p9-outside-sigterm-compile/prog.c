#include <stdio.h>
// expect-tsan: none
#define A(x) x x x x x x x x x x
int main(void) { volatile int s = 0; A(A(A(A(s++;)))) printf("%d\n", s); return 0; }
