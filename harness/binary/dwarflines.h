/* dwarflines.h: what a binary's debug information says about one source file's lines. */
#ifndef TSAN_VERIFY_DWARFLINES_H
#define TSAN_VERIFY_DWARFLINES_H

#include <stddef.h>

/* Every line number the DWARF line tables of `binary` attribute to `source`, which is matched by real path (a relative
 * name in a line table is taken relative to its compile unit's DW_AT_comp_dir). Sorted, without repeats; the caller
 * frees *lines. Returns 0 (*count may be 0: the binary has no line of the file), or -1 with *error when the binary
 * cannot be read or holds no DWARF at all. */
int dwarf_source_lines(const char *binary, const char *source, size_t **lines, size_t *count, char **error);

#endif
