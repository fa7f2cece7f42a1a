/* explain_log.c: a read log's explanations and exit status. */
#include "explain/explain_log.h"

#include "explain/explain_output.h"
#include "report/verdict.h"

int explain_log(FILE *out, const struct tsan_log *log, int read, const char *path, const struct pattern_set *patterns,
                bool json, bool color, char **error) {
  if (read == -1)
    return OUTCOME_CANNOT_CHECK;
  /* A damaged log is explained as far as it was read (its last report only read, for it may be cut short), and still
   * cannot be believed (exit 2, the cause named). */
  if (json)
    write_explanations_json(out, log, patterns, read != 0);
  else
    write_explanations_text(out, log, patterns, read != 0, color);
  return read != 0                               ? OUTCOME_CANNOT_CHECK
         : tsan_log_check(log, path, error) != 0 ? OUTCOME_CANNOT_CHECK
         : log->report_count                     ? OUTCOME_NOT_MET
                                                 : OUTCOME_MET;
}
