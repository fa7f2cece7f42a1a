/* The same program as static_linked.c, whose case expects another reason than the one the harness gives: the
 * verdict stays cannot check, and says which words no reason held. */
#include <stdio.h>

// link-options: -static -- the reason the program cannot be checked
// expect-cannot-check: needs a newer kernel -- not what the harness says

int main(void) {
  puts("never watched");
  return 0;
}
