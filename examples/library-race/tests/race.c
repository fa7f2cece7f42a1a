/* Both racing accesses are in the library's threads: no line of this file is in them, so the markers pin the race
 * where it is, by the function that makes the access and by its line. */
// expect-tsan: data race in add_unlocked
// expect-tsan: data race at src/pool.c:8
#include "pool.h"
#include <stdio.h>

int main(void) {
  printf("%ld\n", pool_sum_racy(2));
  return 0;
}
