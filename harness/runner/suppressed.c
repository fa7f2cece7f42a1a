/* suppressed.c: what the case's own suppressions hid (see suppressed.h). */
#include "runner/suppressed.h"
#include "base/util.h"
#include "source/expect.h"

#include <stdlib.h>
#include <string.h>

bool suppression_pattern_matches(const char *pattern, const char *text) {
  if (!text || !*text || !pattern)
    return false;
  bool anchored = false, after_star = false;
  if (*pattern == '^') {
    anchored = true;
    pattern++;
  }
  while (*pattern) {
    if (*pattern == '*') {
      pattern++;
      anchored = false;
      after_star = true;
      continue;
    }
    if (*pattern == '$')
      return !*text || after_star;
    if (!*text)
      return false;
    size_t piece = strcspn(pattern, "*$");
    char *wanted = xstrndup(pattern, piece);
    const char *found = strstr(text, wanted);
    free(wanted);
    if (!found || (anchored && found != text))
      return false;
    text = found + piece;
    pattern += piece;
    anchored = false;
    after_star = false;
  }
  return true;
}

bool suppression_rule_matches(const char *rule, const struct tsan_report *report) {
  const char *pattern = strchr(rule, ':');
  if (!pattern)
    return false;
  pattern++;
  for (size_t s = 0; s < report->section_count; s++) {
    const struct tsan_section *section = &report->sections[s];
    if (section->kind == SECTION_LOCATION && suppression_pattern_matches(pattern, section->location.name))
      return true;
    for (size_t f = 0; f < section->frame_count; f++) {
      const struct tsan_frame *frame = &section->frames[f];
      if (suppression_pattern_matches(pattern, frame->function) || suppression_pattern_matches(pattern, frame->file) ||
          suppression_pattern_matches(pattern, frame->module))
        return true;
    }
  }
  return false;
}

static const struct declared_suppression *declaration_of(const struct case_spec *spec, const char *rule) {
  for (size_t i = 0; i < spec->suppressed_count; i++)
    if (strcmp(spec->suppressed[i].rule, rule) == 0)
      return &spec->suppressed[i];
  return NULL;
}

void check_declared_suppression_counts(const struct case_spec *spec, const struct evidence *evidence,
                                       struct verdict *verdict) {
  for (size_t i = 0; i < spec->suppressed_count; i++) {
    const struct declared_suppression *declared = &spec->suppressed[i];
    long hid = 0;
    for (size_t s = 0; s < evidence->suppression_count; s++)
      if (strcmp(evidence->suppressions[s].rule, declared->rule) == 0)
        hid += evidence->suppressions[s].count;
    if (hid != declared->count)
      verdict_add(verdict, OUTCOME_NOT_MET, spec->path, declared->line,
                  "expected suppression \"%s\" to hide %ld report%s, it hid %ld", declared->rule, declared->count,
                  declared->count == 1 ? "" : "s", hid);
  }
}

/* What the runtime blames, for a message and to tell reports apart across runs: the kind and, for each stack the
 * report is about, its innermost frame with a source line. */
static char *report_signature(const struct tsan_report *report) {
  struct strbuf out = {0};
  strbuf_puts(&out, report->kind);
  for (size_t s = 0; s < report->section_count; s++) {
    if (!report_section_is_about(report, &report->sections[s]))
      continue;
    const struct tsan_frame *frame = section_source_frame(&report->sections[s]);
    if (frame)
      strbuf_printf(&out, "%s %s at %s:%d", out.length > strlen(report->kind) ? "," : " in", frame->function,
                    frame->file, frame->line);
  }
  return strbuf_release(&out);
}

void check_hidden_reports(const struct case_spec *spec, const struct evidence *evidence,
                          const struct tsan_log *suppressed, const struct tsan_log *bare, const bool *bare_touches,
                          struct verdict *verdict) {
  bool *taken = xcalloc(suppressed->report_count + 1, sizeof *taken);
  long hid = 0, found = (long)bare->report_count - (long)suppressed->report_count;
  for (size_t s = 0; s < evidence->suppression_count; s++)
    hid += evidence->suppressions[s].declared ? evidence->suppressions[s].count : 0; /* others stay in the bare run */
  for (size_t b = 0; b < bare->report_count; b++) {
    char *signature = report_signature(&bare->reports[b]);
    bool seen = false;
    for (size_t r = 0; r < suppressed->report_count && !seen; r++) {
      if (taken[r])
        continue;
      char *other = report_signature(&suppressed->reports[r]);
      seen = taken[r] = strcmp(signature, other) == 0;
      free(other);
    }
    if (seen || !bare_touches[b]) {
      free(signature);
      continue;
    }
    /* Hidden, and about the code under test: by which of the rules that matched? */
    struct strbuf rules = {0};
    bool declared = false;
    const char *first = NULL;
    for (size_t s = 0; s < evidence->suppression_count; s++) {
      const char *rule = evidence->suppressions[s].rule;
      if (!evidence->suppressions[s].declared || !suppression_rule_matches(rule, &bare->reports[b]) ||
          strstr(rules.data ? rules.data : "", rule))
        continue;
      declared |= declaration_of(spec, rule) != NULL;
      first = first ? first : rule;
      strbuf_printf(&rules, "%s\"%s\"", rules.length ? ", " : "", rule);
    }
    long first_hid = 0;
    for (size_t s = 0; first && s < evidence->suppression_count; s++)
      if (strcmp(evidence->suppressions[s].rule, first) == 0)
        first_hid += evidence->suppressions[s].count;
    if (!declared)
      verdict_add(verdict, OUTCOME_NOT_MET, spec->path, 0,
                  "suppression %s hid a report about the code under test (%s; seen in a run without the case's "
                  "suppressions): narrow the rule, or declare it with `// expect-suppressed: %s %ld -- why`",
                  rules.length ? rules.data : "(one of those that matched)", signature, first ? first : "RULE",
                  first ? first_hid : 1);
    strbuf_free(&rules);
    free(signature);
  }
  free(taken);
  /* A race that did not come back without the suppressions may be the test's own: what it was cannot be known. */
  if (found < hid)
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, spec->path, 0,
                "the case's suppressions hid %ld report%s, and the run without them, made to see what they hid, "
                "showed %ld more report%s than the run with them: what the others were cannot be known",
                hid, hid == 1 ? "" : "s", found < 0 ? 0 : found, found == 1 ? "" : "s");
}
