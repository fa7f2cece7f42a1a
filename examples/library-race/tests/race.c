/* Both racing accesses are in the library's threads: no line of this file is in them, so the markers pin the race
 * where it is, by the function that makes the access and by its line. The library's other, known race (its call
 * count) is suppressed by a rule of this test's own, which it declares with the number of reports it hides. */
// expect-tsan: data race in add_unlocked
// expect-tsan: data race at src/pool.c:12
// tsan-options: suppressions=known.supp
// expect-suppressed: race:count_call 1 -- tracked: the call count is statistics only
#include "pool.h"
#include <stdio.h>

int main(void) {
  printf("%ld\n", pool_sum_racy(2));
  return 0;
}
