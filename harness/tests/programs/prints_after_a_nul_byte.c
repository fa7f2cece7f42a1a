/* Prints a NUL byte, then the text its marker expects: a reader that stops at the NUL would miss it. With
 * HOSTILE_FLOOD set, it first prints 256 KiB of filler, more than a small capture limit keeps. */
#include <stdio.h>
#include <stdlib.h>

// expect-tsan: none
// expect-output: after the nul
int main(void) {
  if (getenv("HOSTILE_FLOOD"))
    for (int i = 0; i < 4096; i++)
      fputs("filler filler filler filler filler filler filler filler filler filler filler filler filler\n", stdout);
  fputc('\0', stdout);
  puts("after the nul");
  return 0;
}
