/* suppressed.h: what the case's own suppressions hid, and whether the test may let them hide it.
 *
 * The runtime lists each suppression that matched and how often (tsan_rtl.cpp Finalize, PrintMatchedSuppressions),
 * never the reports it hid. So when one matched, the harness runs the program once more without the case's
 * suppressions: the reports of that run that the first lacks are what they hid. A hidden report whose stacks (those
 * it is about) touch the code the markers name fails the test, unless `// expect-suppressed: RULE COUNT` declares
 * the rule that hid it; a declared rule must hide exactly COUNT reports. */
#ifndef TSAN_VERIFY_SUPPRESSED_H
#define TSAN_VERIFY_SUPPRESSED_H

#include "report/report.h"
#include "report/verdict.h"
#include "runner/evidence.h"
#include "source/markers.h"

#include <stdbool.h>

/* The runtime's glob (sanitizer_common.cpp, TemplateMatch): `*` is any text, a leading `^` anchors the start, a `$`
 * the end; otherwise the pattern matches anywhere in `text`. An empty or NULL text matches nothing. */
bool suppression_pattern_matches(const char *pattern, const char *text);
/* Whether `rule` ("race:update") matches the report as the runtime would try it: the pattern against the function,
 * file and module of every frame of every stack, and a global's name. */
bool suppression_rule_matches(const char *rule, const struct tsan_report *report);

/* Holds the declared counts against what each rule hid (summed over processes): a declared rule that hid another
 * number of reports is not met. */
void check_declared_suppression_counts(const struct case_spec *spec, const struct evidence *evidence,
                                       struct verdict *verdict);
/* Judges what the case's suppressions hid: `bare` is the run without them (its reports and, per report, whether it
 * touches the code the markers name), `suppressed` the run with them. A hidden report that touches that code, hid
 * by no rule expect-suppressed declares, makes the verdict not met, naming the rule and the report. */
void check_hidden_reports(const struct case_spec *spec, const struct evidence *evidence,
                          const struct tsan_log *suppressed, const struct tsan_log *bare, const bool *bare_touches,
                          struct verdict *verdict);

#endif
