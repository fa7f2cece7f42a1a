/* The fixed twin of race.c: the same sum under the library's mutex. */
// expect-tsan: none
#include "pool.h"
#include <stdio.h>

int main(void) {
  printf("%ld\n", pool_sum_locked(2));
  return 0;
}
