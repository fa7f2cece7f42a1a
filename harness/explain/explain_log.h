/* explain_log.h: what `tsan-verify explain` makes of a log once it is read, shared by the command line and the
 * site's page, which reads the log pasted into it (docs/EXPLAIN.md). */
#ifndef TSAN_VERIFY_EXPLAIN_LOG_H
#define TSAN_VERIFY_EXPLAIN_LOG_H

#include "explain/patterns.h"
#include "report/report.h"

#include <stdbool.h>
#include <stdio.h>

/* `read` and *error are what tsan_log_read or tsan_log_parse_text returned for `log`, read from `path` ("-": the
 * standard input). Writes the explanation of every report on `out` (text, with color or not, or JSON) and returns
 * the exit status: 2 when the log could not be read (nothing is written), is damaged (explained as far as it was
 * read, its last report matched against no pattern) or cannot be believed (tsan_log_check), 1 when it holds
 * reports, 0 when it proves that TSan ran and reported nothing. *error is then the message for the standard error
 * stream, or NULL. */
int explain_log(FILE *out, const struct tsan_log *log, int read, const char *path, const struct pattern_set *patterns,
                bool json, bool color, char **error);

#endif
