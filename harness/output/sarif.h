/* sarif.h: reports as SARIF 2.1.0 for code-scanning tools. */
#ifndef TSAN_VERIFY_SARIF_H
#define TSAN_VERIFY_SARIF_H

#include "check/verify.h"
#include "report/report.h"

#include <stdio.h>

/* One rule per report kind, one result per report: the racing lines as locations, every other stack as related
 * locations, and every stack as a thread flow. Paths under `root` are relative (uriBaseId SRCROOT). */
void write_sarif(FILE *out, const struct tsan_log *log, const char *root);
/* The checked cases as one run, so that code scanning sees one tool run: the reports of each as write_sarif writes
 * them, and what each verdict (met or not met) says of its markers, each at its own file and line (the case, or a
 * marker file). A report a marker expected carries that marker as an in-source suppression, accepted, at the marker's
 * comment; a marker no report met is a result of its own (rule tsan-verify/expected-report-missing, kind "fail",
 * level "error") at the line it is about. */
void write_sarif_cases(FILE *out, const struct case_result *results, size_t count, const char *root);

#endif
