/* reading_record.h: the compiler's reading of a source (`cc FLAGS -E -C SOURCE`), kept by the build in a file beside
 * the program (`tsan-verify --write-reading FILE`), so that a check (`--reading FILE`) need not start the compiler
 * again. A kept reading stands for the compiler's only while nothing it came from has changed: the same words, run in
 * the same folder, by the same compiler file, and every file the compiler says it read (its dependency list and the
 * line markers of its output) holding the same bytes (MD5). Anything else, or a record that cannot be read, is no
 * reading: the check then asks the compiler, as it would without a record. */
#ifndef TSAN_VERIFY_READING_RECORD_H
#define TSAN_VERIFY_READING_RECORD_H

#include <stddef.h>
#include <stdio.h>

/* What one reading was: the compiler's words without its output (`-o FILE`), the folder they ran in, and what the
 * compiler printed. */
struct kept_reading {
  char *const *words;  /* NULL-terminated; words[0] is the compiler as the words name it */
  const char *folder;  /* the working folder the words ran in */
  const char *program; /* the program the build made with the same flags, or NULL: a program built again is newer
                          than its reading */
  const char *output;
  size_t output_length;
};

/* Appends to `record` one reading: `reading`, and as what it read, `inputs` (paths, relative to reading->folder when
 * relative) with each one's MD5 now. The record's first reading writes its header. Returns 0; 1 with *error when
 * there is nothing to keep (a file named, the compiler or the program cannot be read): nothing was written; -1 with
 * *error when the record cannot be written. */
int reading_record_append(FILE *record, const struct kept_reading *reading, char *const *inputs, size_t input_count,
                          char **error);

/* `path` as run from `folder`: itself when absolute, else under the folder. Allocated. */
char *path_in_folder(const char *folder, const char *path);
/* Adds `path` (taken) to `paths` unless it is there. */
void dependency_add(char ***paths, size_t *count, char *path);
/* The files a compiler's dependency output (`-MD -MF FILE`, Make syntax) names, added to `paths` (deduplicated).
 * Returns 0, or -1 with *error when the text is not a dependency rule. */
int dependency_files(const char *text, size_t length, char ***paths, size_t *count, char **error);
/* The files the line markers of preprocessed output name (`# LINE "FILE" FLAGS`), but the compiler's own
 * `<built-in>` and `<command line>`, added to `paths` (deduplicated). */
void line_marker_files(const char *text, size_t length, char ***paths, size_t *count);

/* Looks in `record` (the text of the record file at `record_path`, read before anything else runs) for the reading of
 * `words` run in `folder` for `program` (or NULL). Returns 0 with *output (and its length; free it) when one is kept
 * and still stands; 1 with *why_not (free it) when there is none, or when it no longer stands (which input changed,
 * or which of the compiler, the program and the record itself). Never fails otherwise: a record that cannot be read
 * is one reason why not. */
int reading_record_find(const char *record_path, const char *record, size_t record_length, char *const *words,
                        const char *folder, const char *program, char **output, size_t *output_length, char **why_not);

struct marker_search_answers;
/* Appends to `record` the marker-file search's answers (program_sources.h), one `search` field each (MD5 in hex, 0 or
 * 1, the real path). Returns 0, or -1 with *error when the record cannot be written. */
int reading_record_append_answers(FILE *record, const struct marker_search_answers *answers, char **error);
/* Adds to `answers` those kept in `record` (its text): none from a record that is damaged anywhere. */
void reading_record_answers(const char *record, size_t record_length, struct marker_search_answers *answers);

#endif
