#include <stdio.h>
int main(void) {
  puts("hello");
  return 0;
}
// expect-tsan: none
// expect-output:
