// requires-tsan: gcc -- only gcc
#include <stdio.h>
int main(void) { return 0; }
// expect-tsan: none
