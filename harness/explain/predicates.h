/* predicates.h: the fixed vocabulary a mistake pattern's premise is written in (patterns.tsv decides which
 * predicates make a pattern; this file only evaluates one over a parsed report). Each predicate reads the report's
 * own structure (its headline, access sections, mutexes held, location, stacks); a report whose structure does not
 * show a predicate's premise (no second access, no location section) makes it false, never true. */
#ifndef TSAN_VERIFY_EXPLAIN_PREDICATES_H
#define TSAN_VERIFY_EXPLAIN_PREDICATES_H

#include "report/report.h"

#include <stdbool.h>

enum predicate_argument { ARGUMENT_NONE, ARGUMENT_TEXT, ARGUMENT_NAMES };

struct predicate_info {
  const char *name;
  enum predicate_argument argument; /* NAMES: a comma-separated list, any of which may hold */
  const char *meaning;              /* one line, for docs/EXPLAIN.md and for a negated term's evidence */
};

/* The vocabulary, ended by an entry whose name is NULL. */
extern const struct predicate_info explain_predicates[];
/* The entry of `name`, or NULL. */
const struct predicate_info *predicate_find(const char *name);

/* Whether predicate `info` holds of `report` (with `argument` when it takes one); when it holds, *evidence is set to
 * the words that show it ("the write by thread T1 holds write M0; the read by main thread holds no mutex"); with
 * `evidence` NULL only the answer is computed (a premise is first tested, and its words built only when it holds). */
bool predicate_holds(const struct predicate_info *info, const char *argument, const struct tsan_report *report,
                     char **evidence);

/* The two accesses of a race report: the current one (first) and the previous one; false when the report lacks
 * either (a non-race kind, a cut report). */
bool report_access_pair(const struct tsan_report *report, const struct tsan_section **current,
                        const struct tsan_section **previous);
/* "the write by thread T1", "the atomic read by main thread" (allocated). */
char *access_phrase(const struct tsan_access *access);
/* The first section of `kind`, or NULL. */
const struct tsan_section *report_section(const struct tsan_report *report, enum section_kind kind);
/* The owner named by a stack or TLS location's title ("thread T1", "main thread"), allocated, or NULL. */
char *location_owner(const struct tsan_section *location);

#endif
