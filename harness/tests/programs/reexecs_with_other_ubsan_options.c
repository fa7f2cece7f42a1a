/* Re-execs itself with print_suppressions=0 appended to UBSAN_OPTIONS only, leaving TSAN_OPTIONS as the harness gave
 * it; the new image races. clang's TSan runtime parses UBSAN_OPTIONS last for the common flags, so a suppression of
 * the user's hides the race there and TSan no longer lists the match at exit. Marked `none`. Truth: a race. */
#include "hostile.h"

// expect-tsan: none
int main(int argc, char **argv) {
  RACE_MODE(argc, argv);
  const char *old = getenv("UBSAN_OPTIONS");
  char *options;
  if (asprintf(&options, "%s:print_suppressions=0", old ? old : "") < 0)
    return 3;
  setenv("UBSAN_OPTIONS", options, 1);
  execl(self_path(), argv[0], "race", (char *)NULL);
  return 127;
}
