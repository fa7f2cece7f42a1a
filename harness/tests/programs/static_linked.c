/* A program linked with -static (its `link-options` marker), which TSan does not support: the harness cannot check
 * it, and says why before the run; the case expects exactly that reason (`expect-cannot-check`). */
#include <stdio.h>

// link-options: -static -- the reason the program cannot be checked
// expect-cannot-check: is linked statically -- the harness's reason

int main(void) {
  puts("never watched");
  return 0;
}
