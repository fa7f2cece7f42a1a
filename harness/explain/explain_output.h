/* explain_output.h: explanations written as text (a terminal's, with color or not) or as JSON
 * (docs/report.schema.json, "explain"). */
#ifndef TSAN_VERIFY_EXPLAIN_OUTPUT_H
#define TSAN_VERIFY_EXPLAIN_OUTPUT_H

#include "explain/explain.h"

#include <stdbool.h>
#include <stdio.h>

/* One report's explanation, every line starting with `indent`. */
void write_explanation_text(FILE *out, const struct explanation *explanation, const char *indent, bool color);
/* The explanation of every report of `log`, headed by the report's number, line and headline. */
void write_explanations_text(FILE *out, const struct tsan_log *log, const struct pattern_set *patterns, bool color);
/* One JSON object: {"patterns_file": ..., "explanations": [...]} and a newline. */
void write_explanations_json(FILE *out, const struct tsan_log *log, const struct pattern_set *patterns);
/* One report's explanation as a JSON object. */
void write_explanation_json(FILE *out, const struct explanation *explanation);

#endif
