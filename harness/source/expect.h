/* expect.h: markers against reports, both ways: every report expected, every marker hit. */
#ifndef TSAN_VERIFY_EXPECT_H
#define TSAN_VERIFY_EXPECT_H

#include "binary/sourceid.h"
#include "report/report.h"
#include "report/verdict.h"
#include "source/markers.h"

/* The innermost frame of the section located in `case_path` with a line number, or NULL. */
const struct tsan_frame *innermost_case_frame(const struct tsan_section *section, const char *case_path);
/* The same, with each frame placed by the binary's DWARF (sourceid.h); a frame that cannot be placed ends the search.
 */
const struct tsan_frame *innermost_case_frame_identified(const struct tsan_section *section,
                                                         struct source_identity *identity);
/* Whether the report is about this stack, which alone can hit a marker (docs/MARKERS.md, "Matching"): its accesses,
 * its own stacks, a lock-order inversion's acquisitions, a leaked thread's creation; never context such as where a
 * thread was created or the memory allocated. */
bool report_section_is_about(const struct tsan_report *report, const struct tsan_section *section);
/* Whether a stack the report is about touches the code under test: a frame in the case's file or in one of
 * `under_test` (the --instrumented files; placed by the binary's DWARF when `identity` is given, and a frame that may
 * be there counts), in a function an `in` marker names, or in a file an `at` marker names (by its path). */
bool report_touches_markers(const struct case_spec *spec, const struct tsan_report *report,
                            struct source_identity *identity, const struct case_file *under_test,
                            size_t under_test_count);
/* True when frame_file names the same file as case_path (symlinks, "./" and ".." resolved). */
bool same_source_file(const char *frame_file, const char *case_path);

/* Matches the log's reports against the spec's markers that apply to `toolchain`, and stdout against the
 * expect-output texts. Adds diagnostics to `verdict` and fills its report/marker cross-references. */
void expect_check(const struct case_spec *spec, const struct tsan_log *log, const struct toolchain *toolchain,
                  const char *program_stdout, struct verdict *verdict);
/* The same for a run: frames are placed in the case by the binary's DWARF (`identity`, or NULL for paths alone), and a
 * report with a frame that may or may not be in the case, inside any frame that is, makes the verdict cannot check. */
void expect_check_identified(const struct case_spec *spec, const struct tsan_log *log,
                             const struct toolchain *toolchain, const char *program_stdout,
                             struct source_identity *identity, struct verdict *verdict);

#endif
