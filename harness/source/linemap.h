/* linemap.h: the compiler's own map from what it compiled to the case's lines, held against the reader's reading of
 * the file. Markers name physical lines; TSan reports the lines the compiler recorded. The two must be the same. */
#ifndef TSAN_VERIFY_LINEMAP_H
#define TSAN_VERIFY_LINEMAP_H

#include "source/dialect.h"
#include "source/markers.h"

#include <stddef.h>

/* Checks the preprocessor's output of the case (`cc FLAGS -E -C CASE`, `output`) against `spec` (the reader's
 * reading of the same file under the same dialect). The line markers (# N "FILE" FLAGS) must map the case onto its
 * own lines and nothing else onto them: no jump back, a jump forward only over lines that give no output (blank,
 * directives, #if groups), every line of output on a line that holds something, no #line naming the case from
 * another file or renaming it. And both readings must find the same marker comments on the same lines. Returns 0, or
 * -1 with *error = "CASE:LINE: what differs". */
int linemap_check_preprocessed(const struct case_spec *spec, const char *output, size_t length,
                               const struct c_dialect *dialect, char **error);

/* Checks the lines a binary's DWARF line table attributes to the case (`lines`, from dwarf_source_lines) against
 * `spec`: each must exist and hold code. Returns 0, or -1 with *error naming the first line that does not. */
int linemap_check_dwarf(const struct case_spec *spec, const char *binary, const size_t *lines, size_t count,
                        char **error);

#endif
