/* output.h: a case's result as text for people (compiler-style diagnostics) or as JSON for tools. */
#ifndef TSAN_VERIFY_OUTPUT_H
#define TSAN_VERIFY_OUTPUT_H

#include "check/verify.h"
#include "output/json_string.h"

#include <stdbool.h>
#include <stdio.h>

/* One line per diagnostic, `file:line: message`, then a one-line verdict; `verbose` adds the full output. */
void write_text(FILE *out, const struct case_result *result, bool verbose);
/* The parsed reports, markers, and verdict as one JSON object (schema: docs/report.schema.json); `root` is the
 * folder the "normalized" report's paths are relative to (see normalize.h). */
void write_json(FILE *out, const struct case_result *result, const char *root);
/* Each report as a headline and one line per stack: "  write at no_lock.c:16 in update (thread T1)", then their count;
 * of a log that cannot be believed (damaged, contradicting itself), what was read, said not to be a count. */
void write_reports_text(FILE *out, const struct tsan_log *log, bool believed);
/* The "data race at no_lock.c:16, ..." summary of a log's reports, for tables. */
char *summarize_reports(const struct tsan_log *log);
char *summarize_expected(const struct case_spec *spec, const struct toolchain *toolchain);
/* The reports alone, as a JSON array; report_marker (may be NULL) adds which marker each hit. */
void write_json_reports(FILE *out, const struct tsan_log *log, const char *case_path, const int *report_marker);

#endif
