/* verdict.h: what the checks conclude, as data, for the text and JSON writers. */
#ifndef TSAN_VERIFY_VERDICT_H
#define TSAN_VERIFY_VERDICT_H

#include <stddef.h>

/* Also the process exit statuses. */
enum outcome {
  OUTCOME_MET = 0,          /* every expectation met */
  OUTCOME_NOT_MET = 1,      /* the program ran under TSan to the end, and the reports differ from the markers */
  OUTCOME_CANNOT_CHECK = 2, /* bad input, or TSan did not (fully) watch the program */
  OUTCOME_SKIPPED = 77,     /* the case does not apply to this toolchain (ctest SKIP_RETURN_CODE) */
};

struct diagnostic {
  char *file; /* may be NULL */
  size_t line;
  char *message;
  enum outcome outcome; /* what this diagnostic stands for: MET for a note, else the outcome it gave the verdict */
  /* What it is about, for a writer that places it beside its subject (SARIF): 1 + the index of the report in the
   * case's log, 1 + the index of the marker in the case's spec; 0 when it is about no report, or no marker. */
  size_t report_number;
  size_t marker_number;
};

struct verdict {
  enum outcome outcome;
  struct diagnostic *diagnostics;
  size_t diagnostic_count;
  size_t diagnostic_capacity;
  int *report_marker; /* per report: index of the first marker it hits, or -1 */
  int *marker_report; /* per marker: index of the first report that hits it, -1, or -2 when not applicable */
};

/* Adds a diagnostic and lowers the outcome to `outcome` when that is worse (CANNOT_CHECK > NOT_MET > MET). */
void verdict_add(struct verdict *verdict, enum outcome outcome, const char *file, size_t line, const char *format, ...)
    __attribute__((format(printf, 5, 6)));
/* The same for a diagnostic about one report or one marker (their numbers as in struct diagnostic; 0: none). */
void verdict_add_about(struct verdict *verdict, enum outcome outcome, const char *file, size_t line,
                       size_t report_number, size_t marker_number, const char *format, ...)
    __attribute__((format(printf, 7, 8)));
/* Drops every diagnostic after the first `count`; the outcome becomes what those left give. */
void verdict_truncate(struct verdict *verdict, size_t count);
/* Moves every diagnostic of `from` to the end of `into`, lowering its outcome as each would; `from` is left empty. */
void verdict_take(struct verdict *into, struct verdict *from);
void verdict_free(struct verdict *verdict);
const char *outcome_name(enum outcome outcome);

#endif
