/* Makes the TSan runtime fail (an allocation larger than it supports, with allocator_may_return_null=0: it prints
 * its error and dies), and hangs in the death callback, as a runtime that fails while a lock is held does. The
 * harness times out: its message must quote the runtime's failure, not only "timed out". */
#include <sanitizer/common_interface_defs.h>
#include <stdlib.h>
#include <unistd.h>

static void hang(void) {
  for (;;)
    pause();
}

// expect-tsan: none
int main(void) {
  __sanitizer_set_death_callback(hang);
  volatile size_t huge = (size_t)1 << 45;
  void *volatile p = malloc(huge);
  free(p);
  return 0;
}
