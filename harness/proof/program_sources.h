/* program_sources.h: the source files that hold the markers of a program given as an executable
 * (`tsan-verify EXE`), found from what the program is: the files its DWARF line tables name, read by the marker
 * reader. Never from the executable's name. */
#ifndef TSAN_VERIFY_PROGRAM_SOURCES_H
#define TSAN_VERIFY_PROGRAM_SOURCES_H

#include "binary/dwarfinfo.h"

#include <stdbool.h>
#include <stddef.h>

struct marked_sources {
  char **paths;      /* each file that exists and opens a // comment with a marker's name, as DWARF names it */
  size_t count;      /* of paths */
  size_t read_count; /* the distinct files DWARF names that exist and were read */
};

/* What a search found of one file: its real path, the MD5 of its text, whether it holds markers. The answer depends on
 * the text alone, so a search given an earlier one's answers (the build's record, reading_record.h) takes the answer
 * of a file whose text has the same MD5 instead of reading it as C again. */
struct marker_search_answer {
  char *real;
  unsigned char md5[16];
  bool holds;
};
struct marker_search_answers {
  struct marker_search_answer *items;
  size_t count, capacity;
};
void marker_search_answers_add(struct marker_search_answers *answers, const char *real, const unsigned char md5[16],
                               bool holds);
void marker_search_answers_free(struct marker_search_answers *answers);

/* Reads every file named by the line tables of `exe`'s compile units (relative names against their unit's
 * DW_AT_comp_dir; each file once, by real path) and keeps those where the marker reader finds a marker comment.
 * Returns 0 (count may be 0), or -1 with *error when `exe` holds no DWARF or cannot be read. */
int marked_sources_find(const char *exe, struct marked_sources *sources, char **error);
/* The same over the DWARF of `exe` already read (`info`, from dwarf_info_open): for a caller to whom a program
 * without DWARF is no error of this reading. Returns 0, or -1 with *error when a file it names cannot be read. */
int marked_sources_find_in(const struct dwarf_info *info, const char *exe, struct marked_sources *sources,
                           char **error);
/* The same, taking the answer `known` (or NULL) gives of a file whose text is unchanged, and adding each file's answer
 * to `found` (or NULL). */
int marked_sources_find_with(const struct dwarf_info *info, const char *exe, const struct marker_search_answers *known,
                             struct marker_search_answers *found, struct marked_sources *sources, char **error);
void marked_sources_free(struct marked_sources *sources);

#endif
