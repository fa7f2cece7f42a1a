/* suppressed.c: what the case's own suppressions hid (see suppressed.h). */
#include "runner/suppressed.h"
#include "base/readfile.h"
#include "base/util.h"
#include "binary/toolchain.h"
#include "source/expect.h"

#include <ctype.h>
#include <stdio.h>
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

const char *suppression_type_of_report(const char *kind) {
  /* tsan_suppressions.cpp, conv: every ReportType and the type of rule that can match it. The headlines are
   * tsan_report.cpp's ReportTypeString; an external race is headed "race on " and the tag's name. */
  static const struct {
    const char *headline;
    const char *type;
  } types[] = {
      {"data race", "race"},           /* ReportTypeRace, and ReportTypeVptrRace ("data race on vptr ...") */
      {"heap-use-after-free", "race"}, /* ReportTypeUseAfterFree, ReportTypeVptrUseAfterFree */
      {"race on ", "race"},            /* ReportTypeExternalRace */
      {"thread leak", "thread"},
      {"destroy of a locked mutex", "mutex"},
      {"double lock of a mutex", "mutex"},
      {"use of an invalid mutex", "mutex"},
      {"unlock of an unlocked mutex", "mutex"},
      {"read lock of a write locked mutex", "mutex"},
      {"read unlock of a write locked mutex", "mutex"},
      {"mutex held in the wrong context", "mutex"},
      {"signal-unsafe call inside of a signal", "signal"},
      {"signal handler spoils errno", "signal"},
      {"lock-order-inversion", "deadlock"},
  };
  for (size_t i = 0; kind && i < sizeof types / sizeof *types; i++)
    if (starts_with(kind, types[i].headline))
      return types[i].type;
  return NULL;
}

/* Whether `rule` ("TYPE:PATTERN") is of `type`, and its pattern matches `text`. A rule's type is the text before its
 * first colon (sanitizer_suppressions.cpp, SuppressionContext::Parse: a type name followed by ':'; no type name holds
 * one). */
static bool rule_matches(const char *rule, const char *type, const char *text) {
  const char *colon = strchr(rule, ':');
  size_t length = strlen(type);
  return colon && (size_t)(colon - rule) == length && strncmp(rule, type, length) == 0 &&
         suppression_pattern_matches(colon + 1, text);
}

/* SuppressionContext::Match (sanitizer_suppressions.cpp): the first rule of `type`, in the file's order, whose
 * pattern matches `text`; -1 when none does. */
static long first_rule_matching(char *const *rules, size_t rule_count, const char *type, const char *text) {
  for (size_t i = 0; text && i < rule_count; i++)
    if (rule_matches(rules[i], type, text))
      return (long)i;
  return -1;
}

/* The module as the report prints it, "program+0x1234", without the offset: the runtime matches the module's path
 * (AddressInfo::module), and the report prints only its base name (StripModuleName), which is all the harness has.
 * A rule that matches only the module's folder is then credited to no report, and its counts cannot agree: cannot
 * check, never a wrong "met". */
static char *module_name(const char *printed) {
  if (!printed)
    return NULL;
  const char *offset = strstr(printed, "+0x");
  return xstrndup(printed, offset ? (size_t)(offset - printed) : strlen(printed));
}

/* IsSuppressed(stype, AddressInfo) in tsan_suppressions.cpp: the frame's function, then its file, then its module. */
static long rule_for_frame(char *const *rules, size_t rule_count, const char *type, const struct tsan_frame *frame) {
  const char *function = frame->function && strcmp(frame->function, "<null>") != 0 ? frame->function : NULL;
  char *module = module_name(frame->module);
  long rule = first_rule_matching(rules, rule_count, type, function);
  if (rule < 0)
    rule = first_rule_matching(rules, rule_count, type, frame->file);
  if (rule < 0)
    rule = first_rule_matching(rules, rule_count, type, module);
  free(module);
  return rule;
}

/* IsSuppressed(typ, ReportStack) in tsan_suppressions.cpp: every frame from the innermost out, then, for a race,
 * the rules of type race_top against the innermost frame alone. */
static long rule_for_stack(char *const *rules, size_t rule_count, const char *type,
                           const struct tsan_section *section) {
  for (size_t f = 0; f < section->frame_count; f++) {
    long rule = rule_for_frame(rules, rule_count, type, &section->frames[f]);
    if (rule >= 0)
      return rule;
  }
  if (strcmp(type, "race") == 0 && section->frame_count > 0)
    return rule_for_frame(rules, rule_count, "race_top", &section->frames[0]);
  return -1;
}

/* IsSuppressed(typ, ReportLocation): a global's name, then its module ("Location is global 'g' of size 4 at 0x...
 * (program+0x...)"); no other kind of location is tried. */
static long rule_for_location(char *const *rules, size_t rule_count, const char *type,
                              const struct tsan_section *section) {
  if (!section->location.kind || strcmp(section->location.kind, "global") != 0)
    return -1;
  long rule = first_rule_matching(rules, rule_count, type, section->location.name);
  const char *open = section->title ? strrchr(section->title, '(') : NULL;
  if (rule < 0 && open) {
    char *module = module_name(open + 1);
    module[strcspn(module, ")")] = '\0';
    rule = first_rule_matching(rules, rule_count, type, module);
    free(module);
  }
  return rule;
}

/* tsan_rtl_report.cpp, OutputReport: the first rule found, trying the report's memory accesses, then its own stacks
 * (each added suppressable: AddStack(..., true) in the mutex, deadlock and signal reports), then the stacks that
 * created its threads (suppressable only in a thread leak: ReportThreadLeak's AddThread(tctx, true)), then its
 * locations. The mutexes' creation stacks, a heap block's allocation and the sleep stack are never tried. */
long suppression_rule_credited(char *const *rules, size_t rule_count, const struct tsan_report *report) {
  const char *type = suppression_type_of_report(report->kind);
  if (!type)
    return -1;
  for (int pass = 0; pass < 4; pass++)
    for (size_t s = 0; s < report->section_count; s++) {
      const struct tsan_section *section = &report->sections[s];
      bool tried = (pass == 0 && section->kind == SECTION_ACCESS) ||
                   (pass == 1 && (section->kind == SECTION_STACK || section->kind == SECTION_LOCK_ACQUIRE)) ||
                   (pass == 2 && section->kind == SECTION_THREAD_CREATION && strcmp(type, "thread") == 0);
      long rule = tried                                            ? rule_for_stack(rules, rule_count, type, section)
                  : pass == 3 && section->kind == SECTION_LOCATION ? rule_for_location(rules, rule_count, type, section)
                                                                   : -1;
      if (rule >= 0)
        return rule;
    }
  return -1;
}

/* The declaration of `rule` for this toolchain and level: the markers allow at most one (markers.c). */
static const struct declared_suppression *declaration_of(const struct case_spec *spec,
                                                         const struct toolchain *toolchain, const char *rule) {
  for (size_t i = 0; i < spec->suppressed_count; i++)
    if (strcmp(spec->suppressed[i].rule, rule) == 0 &&
        (!spec->suppressed[i].selector || selector_matches(spec->suppressed[i].selector, toolchain)))
      return &spec->suppressed[i];
  return NULL;
}

/* How many reports the runtime says `rule` matched in the run with the suppressions, summed over its processes. */
static long matched_in_run(const struct evidence *evidence, const char *rule) {
  long count = 0;
  for (size_t s = 0; s < evidence->suppression_count; s++)
    if (strcmp(evidence->suppressions[s].rule, rule) == 0)
      count += evidence->suppressions[s].count;
  return count;
}

void check_declared_suppression_counts(const struct case_spec *spec, const struct toolchain *toolchain,
                                       const struct evidence *evidence, struct verdict *verdict) {
  for (size_t i = 0; i < spec->suppressed_count; i++) {
    const struct declared_suppression *declared = &spec->suppressed[i];
    if (declaration_of(spec, toolchain, declared->rule) != declared)
      continue;
    long hid = matched_in_run(evidence, declared->rule);
    if (hid != declared->count)
      verdict_add(verdict, OUTCOME_NOT_MET, spec->path, declared->line,
                  "expected suppression \"%s\" to hide %ld report%s, it hid %ld", declared->rule, declared->count,
                  declared->count == 1 ? "" : "s", hid);
  }
}

/* What the runtime blames, for a message: the kind and, for each stack the report is about, its innermost frame with
 * a source line. */
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

/* Whether some pattern of `rules` matches some text of the report (a frame's function, file or module, a global's
 * name), whatever the types: for a report whose kind the harness cannot map to a type. */
static bool some_pattern_matches(char *const *rules, size_t rule_count, const struct tsan_report *report) {
  for (size_t i = 0; i < rule_count; i++) {
    const char *pattern = strchr(rules[i], ':');
    for (size_t s = 0; pattern && s < report->section_count; s++) {
      const struct tsan_section *section = &report->sections[s];
      if (section->kind == SECTION_LOCATION && suppression_pattern_matches(pattern + 1, section->location.name))
        return true;
      for (size_t f = 0; f < section->frame_count; f++) {
        const struct tsan_frame *frame = &section->frames[f];
        char *module = module_name(frame->module);
        bool matches = suppression_pattern_matches(pattern + 1, frame->function) ||
                       suppression_pattern_matches(pattern + 1, frame->file) ||
                       suppression_pattern_matches(pattern + 1, module);
        free(module);
        if (matches)
          return true;
      }
    }
  }
  return false;
}

void check_hidden_reports(const struct case_spec *spec, const struct toolchain *toolchain, char *const *rules,
                          const struct evidence *evidence, const struct tsan_log *bare, const bool *bare_touches,
                          struct verdict *verdict) {
  size_t rule_count = 0;
  while (rules && rules[rule_count])
    rule_count++;
  long *credited = xcalloc(bare->report_count + 1, sizeof *credited);
  long *bare_count = xcalloc(rule_count + 1, sizeof *bare_count);
  bool identified = true;
  for (size_t b = 0; b < bare->report_count; b++) {
    const struct tsan_report *report = &bare->reports[b];
    credited[b] = suppression_rule_credited(rules, rule_count, report);
    if (credited[b] >= 0) {
      /* The runtime credits the first of equal rules: count every copy of the rule as that one. */
      for (size_t i = 0; i < rule_count; i++)
        if (strcmp(rules[i], rules[credited[b]]) == 0) {
          bare_count[i]++;
          break;
        }
    } else if (!suppression_type_of_report(report->kind) && some_pattern_matches(rules, rule_count, report)) {
      char *signature = report_signature(report);
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, spec->path, 0,
                  "the run without the case's suppressions, made to see what they hid, shows a report of a kind the "
                  "harness cannot match to a type of suppression (%s), and a rule's pattern matches it: which rule "
                  "the runtime would credit with it cannot be known",
                  signature);
      free(signature);
      identified = false;
    }
  }
  /* The run without the suppressions identifies what they hid only if it shows, rule by rule, exactly the number
   * of reports the runtime says the rule matched: the first run named no report, and the second is another
   * execution. The runtime counts one match per report it hides (OutputReport), and one more each time a race
   * whose stack holds a pc it hid already comes back (tsan_rtl_report.cpp IsFiredSuppression), where the run without
   * it prints that race once (HandleRacyStacks): such a rule cannot be accounted for either. */
  for (size_t i = 0; i < rule_count; i++) {
    bool first = true;
    for (size_t j = 0; j < i && first; j++)
      first = strcmp(rules[i], rules[j]) != 0;
    long run = matched_in_run(evidence, rules[i]);
    if (!first || run == bare_count[i])
      continue;
    identified = false;
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, spec->path, 0,
                "rule %s matched %ld report%s in the run, %ld in the run without the case's suppressions, made to see "
                "what it hid: %s, so what the rule hid cannot be identified",
                rules[i], run, run == 1 ? "" : "s", bare_count[i],
                run > bare_count[i] && bare_count[i] > 0
                    ? "the program does not repeat its races (or one race came back, counted each time by the rule)"
                    : "the program does not repeat its races");
  }
  for (size_t b = 0; identified && b < bare->report_count; b++) {
    if (credited[b] < 0 || !bare_touches[b])
      continue;
    /* Hidden, and about the code under test. */
    const char *rule = rules[credited[b]];
    if (declaration_of(spec, toolchain, rule))
      continue;
    char *signature = report_signature(&bare->reports[b]);
    verdict_add(verdict, OUTCOME_NOT_MET, spec->path, 0,
                "suppression \"%s\" hid a report about the code under test (%s; seen in a run without the case's "
                "suppressions): narrow the rule, or declare it with `// expect-suppressed: %s %ld -- why`",
                rule, signature, rule, matched_in_run(evidence, rule));
    free(signature);
  }
  free(bare_count);
  free(credited);
}

static const struct declared_hiding *declared_called_from_lib(const struct case_spec *spec) {
  for (size_t i = 0; i < spec->hiding_count; i++)
    if (spec->hidings[i].kind == HIDES_CALLED_FROM_LIB)
      return &spec->hidings[i];
  return NULL;
}

void check_uncounted_rules(const struct case_spec *spec, char *const *rules, const char *source, bool case_own,
                           struct verdict *verdict) {
  const struct declared_hiding *declared = case_own ? declared_called_from_lib(spec) : NULL;
  for (size_t r = 0; rules[r]; r++) {
    if (suppression_rule_is_counted(rules[r]))
      continue;
    const char *library = rules[r] + strlen("called_from_lib:");
    if (!case_own)
      verdict_add(
          verdict, OUTCOME_CANNOT_CHECK, spec->path, 0,
          "suppression \"%s\" of %s makes TSan ignore every interceptor call made from %s (memset, memcpy, "
          "locks...), and the runtime never counts what such a rule hides, so the harness cannot tell whether it hid "
          "a report about the code under test: leave it out of this run, or put it in a suppressions file of the "
          "case's own that declares it",
          rules[r], source, library);
    else if (declared)
      verdict_add(verdict, OUTCOME_MET, spec->path, declared->line,
                  "note: suppression \"%s\" of %s makes TSan ignore every interceptor call made from %s, as the case "
                  "declares (%s)",
                  rules[r], source, library, declared->reason);
    else
      verdict_add(verdict, OUTCOME_NOT_MET, spec->path, 0,
                  "suppression \"%s\" of %s makes TSan ignore every interceptor call made from %s, and the runtime "
                  "never counts what such a rule hides, so it may hide a report about the code under test unseen; the "
                  "case does not declare it: // tsan-hides: called-from-lib -- reason",
                  rules[r], source, library);
  }
}

void check_uncounted_suppressions(const struct case_spec *spec, const char *file, bool case_file,
                                  struct verdict *verdict) {
  char **rules = suppression_file_rules(file);
  char *source = xprintf(case_file ? "the case's suppressions file %s" : "the user's suppressions file %s", file);
  check_uncounted_rules(spec, rules, source, case_file, verdict);
  free(source);
  free_rules(rules);
}

void check_compiled_in_suppressions(const struct case_spec *spec, const char *text, const char *unread,
                                    struct verdict *verdict) {
  if (text) {
    char **rules = suppression_text_rules(text, strlen(text));
    check_uncounted_rules(spec, rules, "the program's __tsan_default_suppressions", true, verdict);
    free_rules(rules);
    return;
  }
  if (!unread)
    return;
  const struct declared_hiding *declared = declared_called_from_lib(spec);
  if (declared)
    verdict_add(verdict, OUTCOME_MET, spec->path, declared->line,
                "note: the program compiles in __tsan_default_suppressions, whose rules the harness cannot read (%s); "
                "the case declares that they may make TSan ignore a library's interceptor calls (%s)",
                unread, declared->reason);
  else
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, spec->path, 0,
                "the program compiles in __tsan_default_suppressions, whose rules the harness cannot read (%s): a "
                "called_from_lib rule among them would make TSan ignore a library's interceptor calls, and the runtime "
                "never counts what such a rule hides; return one string constant from it, or declare it: "
                "// tsan-hides: called-from-lib -- reason",
                unread);
}
