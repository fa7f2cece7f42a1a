/* program_sources.h: the source files that hold the markers of a program given as an executable
 * (`tsan-verify EXE`), found from what the program is: the files its DWARF line tables name, read by the marker
 * reader. Never from the executable's name. */
#ifndef TSAN_VERIFY_PROGRAM_SOURCES_H
#define TSAN_VERIFY_PROGRAM_SOURCES_H

#include "binary/dwarfinfo.h"

#include <stddef.h>

struct marked_sources {
  char **paths;      /* each file that exists and opens a // comment with a marker's name, as DWARF names it */
  size_t count;      /* of paths */
  size_t read_count; /* the distinct files DWARF names that exist and were read */
};

/* Reads every file named by the line tables of `exe`'s compile units (relative names against their unit's
 * DW_AT_comp_dir; each file once, by real path) and keeps those where the marker reader finds a marker comment.
 * Returns 0 (count may be 0), or -1 with *error when `exe` holds no DWARF or cannot be read. */
int marked_sources_find(const char *exe, struct marked_sources *sources, char **error);
/* The same over the DWARF of `exe` already read (`info`, from dwarf_info_open): for a caller to whom a program
 * without DWARF is no error of this reading. Returns 0, or -1 with *error when a file it names cannot be read. */
int marked_sources_find_in(const struct dwarf_info *info, const char *exe, struct marked_sources *sources,
                           char **error);
void marked_sources_free(struct marked_sources *sources);

#endif
