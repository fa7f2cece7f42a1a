/* suppressed.h: what the case's own suppressions hid, and whether the test may let them hide it.
 *
 * The runtime lists each suppression that matched and how often (tsan_rtl.cpp Finalize, PrintMatchedSuppressions),
 * never the reports it hid. So when one matched, the harness runs the program once more without the case's
 * suppressions and reads each report of that run the way the runtime would have matched it: the rule it credits
 * (tsan_rtl_report.cpp OutputReport, tsan_suppressions.cpp IsSuppressed, sanitizer_suppressions.cpp Match). That
 * run is a different execution: it identifies what the rules hid only when, rule by rule, it shows exactly as many
 * reports as the first run says the rule matched; otherwise the check cannot be made. A hidden report whose stacks
 * (those it is about) touch the code the markers name fails the test, unless `// expect-suppressed: RULE COUNT`
 * declares the rule that hid it; a declared rule must hide exactly COUNT reports. */
#ifndef TSAN_VERIFY_SUPPRESSED_H
#define TSAN_VERIFY_SUPPRESSED_H

#include "report/report.h"
#include "report/verdict.h"
#include "runner/evidence.h"
#include "runner/suppression_rules.h"
#include "source/markers.h"

#include <stdbool.h>

/* The runtime's glob (sanitizer_common.cpp, TemplateMatch): `*` is any text, a leading `^` anchors the start, a `$`
 * the end; otherwise the pattern matches anywhere in `text`. An empty or NULL text matches nothing. */
bool suppression_pattern_matches(const char *pattern, const char *text);
/* The suppression type the runtime gives a report of this headline (tsan_suppressions.cpp, conv): "race", "thread",
 * "mutex", "signal" or "deadlock"; NULL for a headline the harness does not know. */
const char *suppression_type_of_report(const char *kind);
/* The index in `rules` (a suppressions file's rules, "TYPE:PATTERN", in its order) of the rule the runtime credits
 * with `report` (see suppressed.c for the order it tries them in), or -1 when none matches it. A report of a kind
 * the harness does not know is credited to no rule. */
long suppression_rule_credited(char *const *rules, size_t rule_count, const struct tsan_report *report);

/* Holds the declared counts that apply to `toolchain` (an expect-suppressed without a selector, or whose selector
 * matches it) against what each rule hid (summed over processes): a declared rule that hid another number of
 * reports is not met. */
void check_declared_suppression_counts(const struct case_spec *spec, const struct toolchain *toolchain,
                                       const struct evidence *evidence, struct verdict *verdict);
/* Judges what the case's suppressions hid. `rules` are the case's suppressions file (in its order), `evidence` the
 * run with them (its list of matched rules), `bare` the run without them with, per report, whether it touches the
 * code the markers name. A rule whose count in `bare` differs from the count the runtime printed makes the verdict
 * cannot check, naming the rule and both counts, and so does a report of a kind the harness does not know that a
 * rule's pattern matches; otherwise a hidden report that touches that code, hid by a rule no expect-suppressed declares
 * for `toolchain`, makes the verdict not met, naming the rule and the report. */
void check_hidden_reports(const struct case_spec *spec, const struct toolchain *toolchain, char *const *rules,
                          const struct evidence *evidence, const struct tsan_log *bare, const bool *bare_touches,
                          struct verdict *verdict);

/* The rules of the suppressions file in force (`file`; "" for none) that the runtime applies without counting: in
 * the user's file (`case_file` false) each is cannot check, since nothing will tell what it hid; in the case's own,
 * each is not met unless the case declares `// tsan-hides: called-from-lib -- reason`, then a note. */
void check_uncounted_suppressions(const struct case_spec *spec, const char *file, bool case_file,
                                  struct verdict *verdict);
/* The same for `rules` read from `source` (named in the messages): the case's own (`case_own`) or the user's. */
void check_uncounted_rules(const struct case_spec *spec, char *const *rules, const char *source, bool case_own,
                           struct verdict *verdict);
/* The rules of the program's own __tsan_default_suppressions, read from its code (`text`), are the case's own; when
 * they could not be read (`unread` says why), cannot check unless the case declares called-from-lib. */
void check_compiled_in_suppressions(const struct case_spec *spec, const char *text, const char *unread,
                                    struct verdict *verdict);

#endif
