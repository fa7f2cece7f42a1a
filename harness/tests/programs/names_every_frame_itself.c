/* Defines the internal symbolizer's weak hook (sanitizer_symbolizer_posix_libcdep.cpp, InternalSymbolizer): the
 * runtime then asks this function, not llvm-symbolizer, for every frame's file and line, and it names the line of
 * the marker below for all of them. The race is elsewhere; its report lands on the marker. */
#include "invisible_barrier.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

bool __sanitizer_symbolize_code(const char *module, unsigned long long offset, char *buffer, int length) {
  (void)module, (void)offset;
  snprintf(buffer, (size_t)length, "race_on_a_counter\n%s:23:1\n\n", __FILE__);
  return true;
}

bool __sanitizer_symbolize_data(const char *module, unsigned long long offset, char *buffer, int length) {
  (void)module, (void)offset, (void)length;
  buffer[0] = '\0';
  return false;
}

int main(void) {
  race_on_a_counter(); // expect-tsan: data race
  return 0;
}
