/* hiding.h: the verdict on what the binary shows (instrumentation.h) against what the case declares
 * (`// tsan-hides:` markers). Code under test that TSan did not instrument is "cannot check", naming the file and
 * the function; ignore annotations, the program's own default options and report hooks hide reports like a
 * suppression, and are "not met" unless the case declares them. What the case declares, and code outside the
 * files under test that TSan does not watch, is named in a note. */
#ifndef TSAN_VERIFY_HIDING_H
#define TSAN_VERIFY_HIDING_H

#include "proof/instrumentation.h"
#include "report/verdict.h"
#include "source/markers.h"

/* `binary` names the program in messages; `files` are the files under test given to instrumentation_read. */
void hiding_check(const struct case_spec *spec, const char *binary, const struct instrumentation *facts,
                  struct verdict *verdict);
/* A program that sends the runtime's reports elsewhere (__sanitizer_set_report_path, __sanitizer_set_report_fd) is
 * "cannot check", naming the call: the log the harness reads then lacks what TSan reported. Judged before the run's
 * own evidence, so that this, not what it leads to (a log without the report its exit status stands for), is the
 * verdict's cause. */
void hiding_check_report_redirects(const char *path, const struct instrumentation *facts, struct verdict *verdict);

#endif
