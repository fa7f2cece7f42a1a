/* TSan reads __tsan_default_options while it starts, before it has a log or a SEGV handler: this one returns an
 * address nothing is mapped at, so the runtime itself crashes while starting, and the process is killed by
 * SIGSEGV without a word in its log. */
#include <stdio.h>

const char *__tsan_default_options(void) { return (const char *)16; }

// expect-tsan: none
int main(void) {
  puts("never printed");
  return 0;
}
