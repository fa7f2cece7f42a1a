/* truth.c: what is true of a case, from its expect-tsan notes and its expect-bug markers. */
#include "score/truth.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

static bool is_false_positive(const struct marker *marker) {
  return marker->note && starts_with(marker->note, "false positive");
}

static bool is_miss(const struct marker *marker) { return marker->note && starts_with(marker->note, "misses"); }

static int by_line_then_kind(const void *a, const void *b) {
  const struct truth_line *x = a, *y = b;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return strcmp(x->kind, y->kind);
}

/* The first contradiction among the markers, as "path:line: ...", or NULL. */
static char *contradiction(const struct case_spec *spec) {
  const struct marker *bug_none = NULL, *bug_kind = NULL;
  for (size_t i = 0; i < spec->bug_count; i++) {
    if (strcmp(spec->bugs[i].kind, "none") == 0)
      bug_none = bug_none ? bug_none : &spec->bugs[i];
    else
      bug_kind = bug_kind ? bug_kind : &spec->bugs[i];
  }
  for (size_t i = 0; i < spec->marker_count; i++) {
    const struct marker *marker = &spec->markers[i];
    bool report = strcmp(marker->kind, "none") != 0;
    if (is_miss(marker) && !bug_kind)
      return xprintf("%s:%zu: the note says TSan misses a bug, and no '// expect-bug: KIND' marker says where it is",
                     spec->path, marker->comment_line);
    if (report && is_false_positive(marker) && !bug_none && !bug_kind)
      return xprintf("%s:%zu: the note says this report is a false positive: state the truth with "
                     "'// expect-bug: none' (or '// expect-bug: KIND' on the real bug)",
                     spec->path, marker->comment_line);
    if (report && !is_false_positive(marker) && bug_none)
      return xprintf("%s:%zu: 'expect-bug: none' says the program is correct, yet line %zu expects a %s that is not "
                     "marked as a false positive",
                     spec->path, bug_none->comment_line, marker->comment_line, marker->kind);
  }
  return NULL;
}

int case_truth_of(const struct case_spec *spec, struct case_truth *truth, char **error) {
  *truth = (struct case_truth){0};
  char *why = contradiction(spec);
  if (why) {
    *error = why;
    return -1;
  }
  size_t capacity = 0;
  for (int pass = 0; pass < 2; pass++) {
    const struct marker *markers = pass ? spec->bugs : spec->markers;
    size_t count = pass ? spec->bug_count : spec->marker_count;
    for (size_t i = 0; i < count; i++) {
      /* A pinned marker (`in`, `at`) names code that may be in another file: it is no line of this one, and a case
       * scored by its lines states that truth with expect-bug. */
      if (strcmp(markers[i].kind, "none") == 0 || (!pass && is_false_positive(&markers[i])) ||
          markers[i].pin != PIN_LINE)
        continue;
      GROW(truth->lines, truth->line_count, capacity);
      truth->lines[truth->line_count++] = (struct truth_line){markers[i].line, xstrdup(markers[i].kind)};
    }
  }
  if (truth->line_count)
    qsort(truth->lines, truth->line_count, sizeof *truth->lines, by_line_then_kind);
  /* A line marked for two toolchains, or by expect-tsan and expect-bug alike, is one truth. */
  size_t kept = 0;
  for (size_t i = 0; i < truth->line_count; i++) {
    if (kept && by_line_then_kind(&truth->lines[kept - 1], &truth->lines[i]) == 0) {
      free(truth->lines[i].kind);
      continue;
    }
    truth->lines[kept++] = truth->lines[i];
  }
  truth->line_count = kept;
  truth->buggy = kept > 0;
  return 0;
}

void case_truth_free(struct case_truth *truth) {
  for (size_t i = 0; i < truth->line_count; i++)
    free(truth->lines[i].kind);
  free(truth->lines);
  *truth = (struct case_truth){0};
}
