/* A case that expects the harness not to check it (`expect-cannot-check`), of a program it can check: the verdict is
 * not met, since the case's expectation does not hold. */
#include <stdio.h>

// expect-cannot-check: is linked statically -- yet it is not

int main(void) {
  puts("watched to the end");
  return 0;
}
