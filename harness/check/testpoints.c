/* testpoints.c: a verdict as test points (see testpoints.h). */
#include "check/testpoints.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

static void add_point(struct test_points *points, enum outcome outcome, char *name, char *reason) {
  GROW(points->items, points->count, points->capacity);
  points->items[points->count++] = (struct test_point){outcome, name, reason};
}

static char *diagnostic_place(const struct diagnostic *d, const char *fallback) {
  const char *file = d->file ? d->file : fallback;
  return d->line ? xprintf("%s:%zu", file, d->line) : xstrdup(file);
}

/* The first diagnostic that gave the verdict its outcome: the cause. */
static const struct diagnostic *first_with(const struct verdict *verdict, enum outcome outcome) {
  for (size_t i = 0; i < verdict->diagnostic_count; i++)
    if (verdict->diagnostics[i].outcome == outcome)
      return &verdict->diagnostics[i];
  return NULL;
}

void test_points_of_case(const struct case_result *result, enum outcome outcome, const char *why_worse,
                         struct test_points *points) {
  *points = (struct test_points){0};
  const struct verdict *verdict = &result->verdict;
  const char *path = result->spec.path ? result->spec.path : "(case)";
  if (outcome == OUTCOME_CANNOT_CHECK || outcome == OUTCOME_SKIPPED) {
    const struct diagnostic *cause = first_with(verdict, outcome);
    char *reason;
    if (cause && cause->file) {
      char *place = diagnostic_place(cause, path);
      reason = xprintf("%s: %s", place, cause->message);
      free(place);
    } else if (cause) {
      reason = xstrdup(cause->message); /* a message without a file names its place itself */
    } else {
      reason = xstrdup(why_worse ? why_worse : outcome_name(outcome));
    }
    add_point(points, outcome, xstrdup(path), reason);
    return;
  }
  size_t failed = 0;
  for (size_t m = 0; verdict->marker_report && m < result->spec.marker_count; m++) {
    const struct marker *marker = &result->spec.markers[m];
    if (verdict->marker_report[m] == -2)
      continue; /* qualified for another toolchain or level */
    const char *file = marker->file ? marker->file : path;
    char *name = xprintf("%s:%zu: %s", file, marker->line, marker->kind);
    if (strcmp(marker->kind, "none") == 0) {
      if (result->log.report_count == 0) {
        add_point(points, OUTCOME_MET, name, NULL);
      } else {
        add_point(
            points, OUTCOME_NOT_MET, name,
            xprintf("TSan reported %zu report%s", result->log.report_count, result->log.report_count == 1 ? "" : "s"));
        failed++;
      }
    } else if (verdict->marker_report[m] >= 0) {
      add_point(points, OUTCOME_MET, name, NULL);
    } else {
      free(name); /* a marker no report hit is one of the diagnostics below */
    }
  }
  for (size_t i = 0; i < verdict->diagnostic_count; i++) {
    const struct diagnostic *d = &verdict->diagnostics[i];
    if (d->outcome != OUTCOME_NOT_MET)
      continue;
    char *place = diagnostic_place(d, path);
    add_point(points, OUTCOME_NOT_MET, xprintf("%s: %s", place, d->message), xstrdup(d->message));
    free(place);
    failed++;
  }
  /* The points pass exactly when the verdict is met, whatever made it otherwise. */
  if (outcome == OUTCOME_NOT_MET && failed == 0)
    add_point(points, OUTCOME_NOT_MET, xprintf("%s: not met", path), xstrdup(why_worse ? why_worse : "not met"));
  if (outcome == OUTCOME_MET && points->count == 0)
    add_point(points, OUTCOME_MET, xprintf("%s: met", path), NULL);
}

void test_points_free(struct test_points *points) {
  for (size_t i = 0; i < points->count; i++) {
    free(points->items[i].name);
    free(points->items[i].reason);
  }
  free(points->items);
  *points = (struct test_points){0};
}
