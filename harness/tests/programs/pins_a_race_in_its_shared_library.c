/* Calls pool_sum() of pins_a_race_in_its_shared_library_lib.c, which p13_pinning builds as the project's shared
 * library, with TSan and -g: its two threads race on `total`, on the library's line 9, which the marker pins. */
#include <stdio.h>

int pool_sum(void);

// expect-tsan: data race at pins_a_race_in_its_shared_library_lib.c:9
int main(void) {
  printf("%d\n", pool_sum());
  return 0;
}
