/* corpus.h: corpora labelled by file, not by line: SV-COMP task definitions and plain (file, label) lists. */
#ifndef TSAN_VERIFY_CORPUS_H
#define TSAN_VERIFY_CORPUS_H

#include <stdbool.h>
#include <stddef.h>

struct corpus_task {
  char *name;     /* "svcomp/race_counter": the corpus folder's name, then the task's */
  char **sources; /* the C files to build, absolute or relative to the working directory */
  size_t source_count;
  char **flags;      /* this task's own compiler words (a TSV list's third column), NULL-terminated; or NULL */
  bool buggy;        /* the label: a data race is in the program (the no-data-race property is false) */
  char *skip_reason; /* a task this scorer cannot score (it states no no-data-race verdict), said why; or NULL */
};

struct corpus {
  struct corpus_task *tasks;
  size_t task_count;
  size_t task_capacity;
};

/* Adds the tasks of `path` to `corpus`:
 *   *.yml, *.yaml: one SV-COMP task definition (format 2.0): `input_files` (a file or a list, relative to the
 *     task), and under `properties` a `property_file` ending in no-data-race.prp whose `expected_verdict` is true
 *     (correct: no data race) or false (buggy). A task of other properties only (unreach-call, ...) is kept with a
 *     skip_reason, so one such task in a folder is a note in the results, not the end of the run.
 *   anything else: a TSV, one task a line, `FILE<TAB>LABEL`, LABEL `bug` (a data race) or `correct` (none), FILE
 *     relative to the list; blank lines and lines starting with '#' are ignored. An optional third column,
 *     `FILE<TAB>LABEL<TAB>FLAGS`, holds the task's own compiler words, split at blanks: a corpus's programs do not
 *     all build alike (DataRaceBench's PolyBench programs need its utilities/polybench.c and -I of its folders).
 *     A word not starting with '-' is a file or folder and, like FILE, relative to the list.
 * Either way the label is about data races only: a scorer counts a detector's data-race reports, nothing else.
 * Returns 0, or -1 with *error = "path:line: what is wrong". */
int corpus_read(const char *path, struct corpus *corpus, char **error);
void corpus_free(struct corpus *corpus);

#endif
