#include "report/verdict.h"
#include "base/util.h"

#include <stdlib.h>

static int severity(enum outcome outcome) {
  switch (outcome) {
  case OUTCOME_MET: return 0;
  case OUTCOME_SKIPPED: return 1;
  case OUTCOME_NOT_MET: return 2;
  case OUTCOME_CANNOT_CHECK: return 3;
  }
  return 3;
}

static void add_message(struct verdict *verdict, enum outcome outcome, const char *file, size_t line,
                        size_t report_number, size_t marker_number, char *message) {
  GROW(verdict->diagnostics, verdict->diagnostic_count, verdict->diagnostic_capacity);
  verdict->diagnostics[verdict->diagnostic_count++] =
      (struct diagnostic){file ? xstrdup(file) : NULL, line, message, outcome, report_number, marker_number};
  if (severity(outcome) > severity(verdict->outcome))
    verdict->outcome = outcome;
}

void verdict_add(struct verdict *verdict, enum outcome outcome, const char *file, size_t line, const char *format,
                 ...) {
  va_list args;
  va_start(args, format);
  char *message = xvprintf(format, args);
  va_end(args);
  add_message(verdict, outcome, file, line, 0, 0, message);
}

void verdict_add_about(struct verdict *verdict, enum outcome outcome, const char *file, size_t line,
                       size_t report_number, size_t marker_number, const char *format, ...) {
  va_list args;
  va_start(args, format);
  char *message = xvprintf(format, args);
  va_end(args);
  add_message(verdict, outcome, file, line, report_number, marker_number, message);
}

void verdict_truncate(struct verdict *verdict, size_t count) {
  verdict->outcome = OUTCOME_MET;
  for (size_t i = 0; i < verdict->diagnostic_count; i++) {
    if (i < count) {
      if (severity(verdict->diagnostics[i].outcome) > severity(verdict->outcome))
        verdict->outcome = verdict->diagnostics[i].outcome;
      continue;
    }
    free(verdict->diagnostics[i].file);
    free(verdict->diagnostics[i].message);
  }
  if (count < verdict->diagnostic_count)
    verdict->diagnostic_count = count;
}

void verdict_take(struct verdict *into, struct verdict *from) {
  for (size_t i = 0; i < from->diagnostic_count; i++) {
    struct diagnostic *d = &from->diagnostics[i];
    add_message(into, d->outcome, d->file, d->line, d->report_number, d->marker_number, d->message);
    free(d->file);
  }
  from->diagnostic_count = 0;
  verdict_free(from);
}

void verdict_free(struct verdict *verdict) {
  for (size_t i = 0; i < verdict->diagnostic_count; i++) {
    free(verdict->diagnostics[i].file);
    free(verdict->diagnostics[i].message);
  }
  free(verdict->diagnostics);
  free(verdict->report_marker);
  free(verdict->marker_report);
  *verdict = (struct verdict){0};
}

const char *outcome_name(enum outcome outcome) {
  switch (outcome) {
  case OUTCOME_MET: return "met";
  case OUTCOME_NOT_MET: return "not met";
  case OUTCOME_CANNOT_CHECK: return "cannot check";
  case OUTCOME_SKIPPED: return "skipped";
  }
  return "cannot check";
}
