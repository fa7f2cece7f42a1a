/* explain_main.h: `tsan-verify explain`, and the patterns file every explaining mode finds. */
#ifndef TSAN_VERIFY_EXPLAIN_MAIN_H
#define TSAN_VERIFY_EXPLAIN_MAIN_H

#include "explain/patterns.h"

/* `tsan-verify explain [--json] [--color WHEN] [--patterns FILE] [--cases DIR] [LOG|-]`: argv[0] is "explain". */
int explain_command(int argc, char **argv);

/* Reads the patterns (`path`, else the one installed beside this binary, else the source tree's) and the fix lines of
 * their cases (`cases_dir`, else the source tree's when it exists). 0, or -1 with *error. */
int explain_load_patterns(const char *path, const char *cases_dir, struct pattern_set *set, char **error);

#endif
