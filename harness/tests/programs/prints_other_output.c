/* Expects an output it never prints: the verdict quotes what stdout held. */
#include <stdio.h>

// expect-tsan: none
// expect-output: counter=7
int main(void) {
  printf("counter=%d\n", 2);
  return 0;
}
