/* patterns.h: the documented mistake patterns (patterns.tsv, docs/EXPLAIN.md), read from their data file. The file
 * decides which predicates make a pattern; predicates.c evaluates them. */
#ifndef TSAN_VERIFY_EXPLAIN_PATTERNS_H
#define TSAN_VERIFY_EXPLAIN_PATTERNS_H

#include "explain/predicates.h"

#include <stdbool.h>
#include <stddef.h>

struct pattern_term {
  const struct predicate_info *predicate;
  char *argument; /* NULL when the predicate takes none */
  bool negated;   /* "!name": the premise needs the predicate to be false */
};

/* A catalog case pair that shows the pattern. */
struct pattern_case {
  char *mistake;  /* "locks/lock_write_only_bug" */
  char *fix;      /* "locks/lock_write_only_fixed" */
  char *fix_line; /* the fix in one line: the first sentence of the fix case's header, or the data file's words */
  bool fix_line_from_header;
};

struct pattern {
  char *id;
  size_t line; /* of the data file */
  struct pattern_term *terms;
  size_t term_count, term_capacity;
  char *words; /* the explanation of the mistake */
  struct pattern_case *cases;
  size_t case_count, case_capacity;
};

struct pattern_set {
  char *path;
  struct pattern *patterns; /* in the file's order: the more specific first */
  size_t count;
};

/* Parses the text of a patterns file (see patterns.tsv's head for its format). Returns 0, or -1 with *error
 * ("PATH:LINE: ...") for a line that is not a pattern, an unknown predicate, an argument missing or not allowed,
 * a case pair that is not "folder/name_bug>folder/name_fixed", a duplicated id, or a fix line for no case. */
int pattern_set_parse(const char *text, const char *path, struct pattern_set *set, char **error);
/* Reads and parses `path`. */
int pattern_set_read(const char *path, struct pattern_set *set, char **error);
/* The text of fix case `fix` ("locks/lock_write_only_fixed"), or NULL when it is not at hand; the caller frees it. */
typedef char *case_text_reader(const char *fix, void *context);
/* Replaces each case's fix line with the first sentence of its fix case's header comment, for each fix case whose
 * text `read_case` gives; the data file's line stays otherwise. */
void pattern_set_take_fix_lines(struct pattern_set *set, case_text_reader *read_case, void *context);
/* The same from the files of `cases_dir` (CASES/folder/name.c), where they exist. */
void pattern_set_read_fix_lines(struct pattern_set *set, const char *cases_dir);
void pattern_set_free(struct pattern_set *set);

/* The first sentence of a case's header comment ("The fix: ..."), on one line; NULL when the text opens with no
 * comment. */
char *case_header_first_sentence(const char *text);

#endif
