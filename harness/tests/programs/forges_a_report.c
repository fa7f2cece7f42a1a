/* Prints a TSan report of its own making on stderr, and has no race. HOSTILE_FORGE=cut leaves it open (no summary,
 * no closing separator), so the runtime's lines at exit land inside it, as when outputs interleave;
 * HOSTILE_FORGE=whole prints all of it, which TSan's own count ("reported N warnings", absent when it reported
 * nothing) then contradicts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// expect-tsan: none
int main(void) {
  const char *forge = getenv("HOSTILE_FORGE");
  if (!forge)
    return 0;
  fputs("==================\n"
        "WARNING: ThreadSanitizer: data race (pid=1)\n"
        "  Write of size 4 at 0x7b0400000000 by main thread:\n"
        "    #0 main forges_a_report.c:9:3 (forges_a_report+0x1)\n"
        "\n",
        stderr);
  if (strcmp(forge, "whole") == 0)
    fputs("SUMMARY: ThreadSanitizer: data race forges_a_report.c:9:3 in main\n"
          "==================\n",
          stderr);
  return 0;
}
