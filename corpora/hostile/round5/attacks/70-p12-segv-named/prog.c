#include <stdio.h>
#include <stdlib.h>
// expect-tsan: none
int main(int argc, char **argv) { int *p = argc > 5 ? malloc(4) : NULL; *p = 1; printf("%d\n", *p); return 0; }
