/* runtime_variables.h: the environment variables a TSan program's runtime reads, which the harness owns.
 *
 * Its options: TSAN_OPTIONS, and with clang UBSAN_OPTIONS after it (compiler-rt tsan_flags.cpp InitializeFlags). Its
 * symbolizer: the runtime starts the program named by TSAN_SYMBOLIZER_PATH (InitializeFlags sets
 * external_symbolizer_path from it) or UBSAN_SYMBOLIZER_PATH (ubsan_flags.cpp), and that program writes every
 * frame's file and line. The harness gives the options and leaves the symbolizer variables out, so that the runtime
 * finds llvm-symbolizer itself. Each list is in the same order: the TSan runtime's variable, then UBSan's. */
#ifndef TSAN_VERIFY_RUNTIME_VARIABLES_H
#define TSAN_VERIFY_RUNTIME_VARIABLES_H

#include <stdbool.h>

enum { RUNTIME_TSAN, RUNTIME_UBSAN, RUNTIME_VARIABLE_PAIRS };

extern const char *const runtime_option_variables[RUNTIME_VARIABLE_PAIRS];
extern const char *const runtime_symbolizer_variables[RUNTIME_VARIABLE_PAIRS];

/* Whether the environment entry "NAME=VALUE" sets the variable `name`. */
bool entry_sets(const char *entry, const char *name);
/* Whether it sets one of the variables above, options or symbolizer. */
bool entry_sets_runtime_variable(const char *entry);
/* Whether it sets a symbolizer variable. */
bool entry_sets_symbolizer(const char *entry);

#endif
