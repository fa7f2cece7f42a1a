/* sarif.h: reports as SARIF 2.1.0 for code-scanning tools. */
#ifndef TSAN_VERIFY_SARIF_H
#define TSAN_VERIFY_SARIF_H

#include "report/report.h"

#include <stdio.h>

/* One rule per report kind, one result per report: the racing lines as locations, every other stack as related
 * locations, and every stack as a thread flow. Paths under `root` are relative (uriBaseId SRCROOT). */
void write_sarif(FILE *out, const struct tsan_log *log, const char *root);
/* The reports of several logs (one per case checked) as one run, so that code scanning sees one tool run. */
void write_sarif_logs(FILE *out, const struct tsan_log *const *logs, size_t log_count, const char *root);

#endif
