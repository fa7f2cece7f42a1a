/* expect.h: markers against reports, both ways: every report expected, every marker hit. */
#ifndef TSAN_VERIFY_EXPECT_H
#define TSAN_VERIFY_EXPECT_H

#include "markers.h"
#include "report.h"
#include "verdict.h"

/* The innermost frame of the section located in `case_path` with a line number, or NULL. */
const struct tsan_frame *innermost_case_frame(const struct tsan_section *section, const char *case_path);
/* True when frame_file names the same file as case_path (symlinks, "./" and ".." resolved). */
bool same_source_file(const char *frame_file, const char *case_path);

/* Matches the log's reports against the spec's markers that apply to `toolchain`, and stdout against the
 * expect-output texts. Adds diagnostics to `verdict` and fills its report/marker cross-references. */
void expect_check(const struct case_spec *spec, const struct tsan_log *log, const struct toolchain *toolchain,
                  const char *program_stdout, struct verdict *verdict);

#endif
