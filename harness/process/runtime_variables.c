/* runtime_variables.c: the environment variables a TSan program's runtime reads (runtime_variables.h). */
#include "process/runtime_variables.h"

#include <string.h>

const char *const runtime_option_variables[RUNTIME_VARIABLE_PAIRS] = {"TSAN_OPTIONS", "UBSAN_OPTIONS"};
const char *const runtime_symbolizer_variables[RUNTIME_VARIABLE_PAIRS] = {"TSAN_SYMBOLIZER_PATH",
                                                                          "UBSAN_SYMBOLIZER_PATH"};

bool entry_sets(const char *entry, const char *name) {
  size_t length = strlen(name);
  return strncmp(entry, name, length) == 0 && entry[length] == '=';
}

bool entry_sets_symbolizer(const char *entry) {
  for (int i = 0; i < RUNTIME_VARIABLE_PAIRS; i++)
    if (entry_sets(entry, runtime_symbolizer_variables[i]))
      return true;
  return false;
}

bool entry_sets_runtime_variable(const char *entry) {
  for (int i = 0; i < RUNTIME_VARIABLE_PAIRS; i++)
    if (entry_sets(entry, runtime_option_variables[i]))
      return true;
  return entry_sets_symbolizer(entry);
}
