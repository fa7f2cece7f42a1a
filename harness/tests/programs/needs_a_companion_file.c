/* Reads a companion file beside its own binary, as programs that ship data next to themselves do, and aborts when it
 * is missing. The harness builds the case in a private folder, where no companion is: its message must show what
 * the program said. */
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// expect-tsan: none
int main(void) {
  char self[PATH_MAX] = {0};
  if (readlink("/proc/self/exe", self, sizeof self - 1) < 0)
    return 3;
  char companion[PATH_MAX + 32];
  snprintf(companion, sizeof companion, "%s/companion.txt", dirname(self));
  FILE *file = fopen(companion, "r");
  if (!file) {
    fprintf(stderr, "needs_a_companion_file: cannot open %s\n", companion);
    abort();
  }
  fclose(file);
  return 0;
}
