/* explain.h: a TSan report explained from its parsed structure alone (docs/EXPLAIN.md): 1. the reading in plain
 * words, 2. the mistake patterns whose premise the report's structure shows, each with the evidence that matched,
 * 3. the lesson: the catalog cases of each pattern (mistake and fix). */
#ifndef TSAN_VERIFY_EXPLAIN_H
#define TSAN_VERIFY_EXPLAIN_H

#include "explain/patterns.h"
#include "report/report.h"

#include <stddef.h>

struct pattern_match {
  const struct pattern *pattern;
  char **because; /* one line of evidence per term of the premise */
  size_t because_count;
};

struct explanation {
  const struct tsan_report *report;
  char **reading; /* the report in plain words, a sentence per line */
  size_t reading_count, reading_capacity;
  struct pattern_match *matches; /* every pattern whose premise holds, in the data file's order; none: "no specific
                                    pattern" */
  size_t match_count, match_capacity;
  /* Why no pattern was tried, or NULL: a report the log cut short shows less than TSan found, and a premise read from
   * what is missing (no location, no sleep) would be a guess. */
  const char *not_matched;
};

void explain_report(const struct tsan_report *report, const struct pattern_set *patterns,
                    struct explanation *explanation);
/* The words of a report that may be cut short (the last one read from a damaged log): read in plain words, matched
 * against no pattern. */
extern const char explain_cut_report[];
void explanation_free(struct explanation *explanation);

/* The page of a case on the catalog's site, relative to the site's root: "locks/lock_write_only_fixed.html". */
char *case_site_page(const char *case_name);

#endif
