/* truth.h: the ground truth a case states about itself: which lines hold a real bug, whatever TSan says
 * (docs/MARKERS.md, "Ground truth"). */
#ifndef TSAN_VERIFY_TRUTH_H
#define TSAN_VERIFY_TRUTH_H

#include "source/markers.h"

#include <stdbool.h>
#include <stddef.h>

struct truth_line {
  size_t line;
  char *kind; /* "data race", "heap-use-after-free", ..., "atomicity violation" */
};

struct case_truth {
  bool buggy;               /* false: the program is correct */
  struct truth_line *lines; /* sorted by line, then kind; no (line, kind) twice */
  size_t line_count;
};

/* The ground truth of a case whose markers were read by case_spec_read: its expect-tsan report markers whose note
 * does not start with "false positive", plus its expect-bug lines. Returns 0, or -1 with *error = "path:line: ..."
 * when the markers contradict themselves (a "misses" note without an expect-bug KIND, a "false positive" note
 * without any expect-bug, "expect-bug: none" beside a report marker that is not a false positive); *truth is then
 * empty. */
int case_truth_of(const struct case_spec *spec, struct case_truth *truth, char **error);
void case_truth_free(struct case_truth *truth);

#endif
