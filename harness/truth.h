/* truth.h: what is really wrong in a case, whatever TSan says of it.
 *
 * stand-in: replaced at merge by the markers branch. It implements the agreed API and semantics only: a case's
 * truth is its expect-tsan markers whose note does not start with "false positive", plus the lines marked
 * `// expect-bug: KIND` (a real bug TSan misses); `// expect-bug: none` states the program is correct; an empty
 * truth means correct. */
#ifndef TSAN_VERIFY_TRUTH_H
#define TSAN_VERIFY_TRUTH_H

#include "markers.h"

#include <stdbool.h>
#include <stddef.h>

struct truth_line {
  size_t line;
  char *kind; /* "data race", "heap-use-after-free", ... */
};

struct case_truth {
  bool buggy;
  struct truth_line *lines;
  size_t line_count;
};

/* The ground truth of a case whose markers were read by case_spec_read. */
int case_truth_of(const struct case_spec *spec, struct case_truth *truth, char **error);
void case_truth_free(struct case_truth *truth);

#endif
