/* Races, and compiles in a suppression for it (__tsan_default_suppressions): TSan stays silent, and says only
 * that a suppression matched. Marked `none`, which the silent run seems to meet. */
#include "invisible_barrier.h"

const char *__tsan_default_suppressions(void) { return "race:race_worker\n"; }

// expect-tsan: none
int main(void) {
  race_on_a_counter();
  return 0;
}
