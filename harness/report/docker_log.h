/* docker_log.h: a log as Docker's json-file logging driver stores it, read back as the text the program wrote.
 *
 * The driver (moby daemon/logger/jsonfilelog, jsonlog.JSONLogs) writes one JSON object a line for each piece of the
 * container's output: {"log":"<the text, a JSON string>","stream":"stderr","time":"<RFC 3339>"} (and "attrs" with
 * --log-opt labels/env). A line of output ends with the "\n" inside its "log" string; a longer line is split into
 * several records, only the last holding the "\n". The report is inside the strings: read raw, no line of the file
 * is TSan's, and a parser would say it holds no report or misread it. */
#ifndef TSAN_VERIFY_DOCKER_LOG_H
#define TSAN_VERIFY_DOCKER_LOG_H

#include "base/util.h"

#include <stddef.h>

/* When `text`'s first line is a json-file record, the text of every record's "log" string joined, appended to
 * `decoded`, and 0. 1 when the first line is no such record (the text is left as it is). -1 with *error
 * ("line N: ...") when a later line is not a json-file record: the log cannot be read whole. */
int docker_log_decode(const char *text, size_t length, struct strbuf *decoded, char **error);

#endif
