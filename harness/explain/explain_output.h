/* explain_output.h: explanations written as text (a terminal's, with color or not) or as JSON
 * (docs/report.schema.json, "explain"). */
#ifndef TSAN_VERIFY_EXPLAIN_OUTPUT_H
#define TSAN_VERIFY_EXPLAIN_OUTPUT_H

#include "explain/explain.h"

#include <stdbool.h>
#include <stdio.h>

/* One report's explanation, every line starting with `indent`. */
void write_explanation_text(FILE *out, const struct explanation *explanation, const char *indent, bool color);
/* The explanation of every report of `log`, headed by the report's number, line and headline. With `damaged` (the
 * parser stopped at damage), the last report may be cut short: it is read, and matched against no pattern. */
void write_explanations_text(FILE *out, const struct tsan_log *log, const struct pattern_set *patterns, bool damaged,
                             bool color);
/* One JSON object: {"patterns_file": ..., "explanations": [...]} and a newline. */
void write_explanations_json(FILE *out, const struct tsan_log *log, const struct pattern_set *patterns, bool damaged);
/* One report's explanation as a JSON object. */
void write_explanation_json(FILE *out, const struct explanation *explanation);

#endif
