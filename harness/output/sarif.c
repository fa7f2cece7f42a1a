#include "output/sarif.h"
#include "base/util.h"
#include "output/output.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef TSAN_VERIFY_VERSION
#error "the build defines TSAN_VERIFY_VERSION (the project version)"
#endif

/* "lock-order-inversion (potential deadlock)" -> "tsan/lock-order-inversion" */
static char *rule_id(const char *kind) {
  struct strbuf out = {0};
  strbuf_puts(&out, "tsan/");
  for (const char *p = kind; *p && !(p[0] == ' ' && p[1] == '('); p++)
    strbuf_append(&out, isalnum((unsigned char)*p) ? p : "-", 1);
  return strbuf_release(&out);
}

/* A relative frame path (gcc keeps the one on the compile line) names a file of the current folder when one is
 * there: made absolute, it can be put relative to the root. Otherwise it is kept as TSan printed it. */
static char *frame_path(const char *file) {
  char *clean = lexical_path(file);
  char cwd[PATH_MAX];
  if (clean[0] == '/' || !getcwd(cwd, sizeof cwd))
    return clean;
  char *joined = xprintf("%s/%s", cwd, clean);
  char *absolute = lexical_path(joined);
  free(joined);
  if (access(absolute, F_OK) != 0) {
    free(absolute);
    return clean;
  }
  free(clean);
  return absolute;
}

/* A physicalLocation: `path` (relative to `root` when under it) at `line`, and `column` when it is known (> 0). */
static void write_physical_at(FILE *out, const char *path, size_t line, int column, const char *root) {
  size_t n = root ? strlen(root) : 0;
  char *file = frame_path(path);
  fputs("\"physicalLocation\":{\"artifactLocation\":{\"uri\":", out);
  if (n && strncmp(file, root, n) == 0 && file[n] == '/') {
    write_json_string(out, file + n + 1);
    fputs(",\"uriBaseId\":\"SRCROOT\"", out);
  } else if (file[0] == '/') {
    char *uri = xprintf("file://%s", file);
    write_json_string(out, uri);
    free(uri);
  } else {
    write_json_string(out, file);
  }
  free(file);
  fprintf(out, "},\"region\":{\"startLine\":%zu", line);
  if (column > 0)
    fprintf(out, ",\"startColumn\":%d", column);
  fputs("}}", out);
}

static void write_physical(FILE *out, const struct tsan_frame *frame, const char *root) {
  write_physical_at(out, frame->file, (size_t)frame->line, frame->column, root);
}

static void write_location(FILE *out, const struct tsan_frame *frame, const char *root, const char *message, int id) {
  fputc('{', out);
  if (id >= 0)
    fprintf(out, "\"id\":%d,", id);
  if (frame) {
    write_physical(out, frame, root);
    fputc(',', out);
  }
  fputs("\"message\":{\"text\":", out);
  write_json_string(out, message);
  fputs("}}", out);
}

/* Whether the verdict of a checked case matched its reports and markers (expect.h), so that what it says of each can
 * be written: a case that could not be checked, or was skipped, says nothing of its markers. */
static bool judged(const struct case_result *checked) {
  return checked && checked->verdict.report_marker && checked->verdict.marker_report &&
         (checked->verdict.outcome == OUTCOME_MET || checked->verdict.outcome == OUTCOME_NOT_MET);
}

/* The marker as its comment states it, for readers of the SARIF: "expect-tsan[gcc]: data race in f -- note". */
static char *marker_text(const struct marker *marker) {
  struct strbuf out = {0};
  strbuf_puts(&out, "expect-tsan");
  if (marker->selector)
    strbuf_printf(&out, "[%s]", marker->selector);
  strbuf_printf(&out, ": %s", marker->kind);
  if (marker->pin == PIN_FUNCTION)
    strbuf_printf(&out, " in %s", marker->pin_function);
  else if (marker->pin == PIN_FRAME)
    strbuf_printf(&out, " at %s:%zu", marker->pin_file, marker->pin_line);
  if (marker->note)
    strbuf_printf(&out, " -- %s", marker->note);
  return strbuf_release(&out);
}

/* The markers a report met, as its suppressions (SARIF 2.1.0's suppression object): the report was expected, and the
 * marker's comment says so in the source (kind "inSource", at the comment's file and line; status "accepted", since
 * the verdict holds it met): a suppressed result, in SARIF's terms, not an open one. The verdict keeps, per report,
 * the first marker it hit, and per marker, the first report that hit it: each such marker is written, so every met
 * marker stands beside a report it met. */
static void write_marker_suppressions(FILE *out, const struct case_result *checked, size_t report_index,
                                      const char *root) {
  const struct case_spec *spec = &checked->spec;
  const struct verdict *verdict = &checked->verdict;
  bool any = false;
  for (size_t m = 0; m < spec->marker_count; m++) {
    bool credited = verdict->report_marker[report_index] == (int)m || verdict->marker_report[m] == (int)report_index;
    if (!credited)
      continue;
    const struct marker *marker = &spec->markers[m];
    fputs(any ? "," : ",\"suppressions\":[", out);
    any = true;
    fputs("{\"kind\":\"inSource\",\"status\":\"accepted\",\"justification\":", out);
    char *text = marker_text(marker);
    write_json_string(out, text);
    fputs(",\"location\":{", out);
    write_physical_at(out, marker_file_of(spec, marker), marker->comment_line, 0, root);
    fputs(",\"message\":{\"text\":", out);
    write_json_string(out, text);
    fputs("}}}", out);
    free(text);
  }
  if (any)
    fputc(']', out);
}

static void write_result(FILE *out, const struct tsan_report *report, size_t rule_index, const char *root,
                         const struct case_result *checked, size_t report_index) {
  char *id = rule_id(report->kind);
  fputs("{\"ruleId\":", out);
  write_json_string(out, id);
  fprintf(out, ",\"ruleIndex\":%zu,\"level\":\"error\",\"message\":{\"text\":", rule_index);
  struct strbuf text = {0};
  strbuf_printf(&text, "ThreadSanitizer: %s", report->kind);
  if (report->summary)
    strbuf_printf(&text, " (%s)", report->summary);
  char *message = strbuf_release(&text);
  write_json_string(out, message);
  free(message);
  fputs("},\"locations\":[", out);
  /* The racing lines: every access stack; for other kinds, the first stack with a source line. */
  bool any = false;
  for (size_t s = 0; s < report->section_count; s++) {
    const struct tsan_section *section = &report->sections[s];
    const struct tsan_frame *frame = section_source_frame(section);
    bool primary = section->kind == SECTION_ACCESS || (!any && s + 1 == report->section_count);
    if (!frame || (!primary && (any || section->kind == SECTION_THREAD_CREATION)))
      continue;
    if (section->kind != SECTION_ACCESS && any)
      continue;
    fputs(any ? "," : "", out);
    write_location(out, frame, root, section->title[0] ? section->title : report->kind, -1);
    any = true;
  }
  for (size_t s = 0; !any && s < report->section_count; s++) {
    const struct tsan_frame *frame = section_source_frame(&report->sections[s]);
    if (frame) {
      write_location(out, frame, root, report->sections[s].title, -1);
      any = true;
    }
  }
  fputs("],\"relatedLocations\":[", out);
  int related = 0;
  for (size_t s = 0; s < report->section_count; s++) {
    const struct tsan_section *section = &report->sections[s];
    const struct tsan_frame *frame = section_source_frame(section);
    if (!frame || section->kind == SECTION_ACCESS)
      continue;
    fputs(related ? "," : "", out);
    write_location(out, frame, root, section->title[0] ? section->title : section_kind_name(section->kind), related);
    related++;
  }
  fputs("],\"codeFlows\":[{\"threadFlows\":[", out);
  bool first_flow = true;
  for (size_t s = 0; s < report->section_count; s++) {
    const struct tsan_section *section = &report->sections[s];
    if (section->frame_count == 0)
      continue;
    fputs(first_flow ? "" : ",", out);
    first_flow = false;
    fputs("{\"message\":{\"text\":", out);
    write_json_string(out, section->title[0] ? section->title : section_kind_name(section->kind));
    fputs("},\"locations\":[", out);
    /* Outermost call first, as a flow reads. */
    for (size_t f = section->frame_count; f-- > 0;) {
      const struct tsan_frame *frame = &section->frames[f];
      fputs(f + 1 == section->frame_count ? "" : ",", out);
      fprintf(out, "{\"nestingLevel\":%zu,\"location\":", section->frame_count - 1 - f);
      write_location(out, frame->file && frame->line > 0 ? frame : NULL, root, frame->function, -1);
      fputc('}', out);
    }
    fputs("]}", out);
  }
  fputs("]}]", out);
  if (first_flow) {
    /* A report without any stack cannot carry a codeFlow with empty threadFlows; SARIF requires one or more. */
  }
  if (judged(checked))
    write_marker_suppressions(out, checked, report_index, root);
  fputc('}', out);
  free(id);
}

/* The rule of a marker no report met: an expected report that did not come. */
static const char expected_report_missing[] = "tsan-verify/expected-report-missing";

/* A marker no report met, as a result of its own at the line it is about in its own file (the case or a marker file),
 * with the verdict's words for it; a standalone marker's comment, on another line, is a related location. */
static void write_unmet_marker(FILE *out, const struct case_result *checked, const struct diagnostic *diagnostic,
                               size_t rule_index, const char *root) {
  const struct marker *marker = &checked->spec.markers[diagnostic->marker_number - 1];
  const char *file = marker_file_of(&checked->spec, marker);
  char *text = marker_text(marker);
  fputs("{\"ruleId\":", out);
  write_json_string(out, expected_report_missing);
  fprintf(out, ",\"ruleIndex\":%zu,\"kind\":\"fail\",\"level\":\"error\",\"message\":{\"text\":", rule_index);
  write_json_string(out, diagnostic->message);
  fputs("},\"locations\":[{", out);
  write_physical_at(out, file, marker->line, 0, root);
  fputs(",\"message\":{\"text\":", out);
  write_json_string(out, text);
  fputs("}}]", out);
  if (marker->comment_line != marker->line) {
    fputs(",\"relatedLocations\":[{\"id\":0,", out);
    write_physical_at(out, file, marker->comment_line, 0, root);
    fputs(",\"message\":{\"text\":", out);
    write_json_string(out, text);
    fputs("}}]", out);
  }
  fputc('}', out);
  free(text);
}

/* Whether a diagnostic says a marker was not met. */
static bool unmet_marker(const struct diagnostic *diagnostic) {
  return diagnostic->marker_number && diagnostic->outcome == OUTCOME_NOT_MET;
}

/* One run: the reports of each log, and, for each `checked` case (NULL for logs read alone), what its verdict says of
 * its markers. */
static void write_run(FILE *out, const struct tsan_log *const *logs, const struct case_result *const *checked,
                      size_t log_count, const char *root) {
  size_t total = 0;
  for (size_t l = 0; l < log_count; l++)
    total += logs[l]->report_count;
  /* Rules: the distinct kinds, in order of first appearance, then the rule of unmet markers when one is written. */
  size_t *rule_of = xcalloc(total + 1, sizeof *rule_of);
  const char **rules = xcalloc(total + 1, sizeof *rules);
  size_t rule_count = 0, at = 0;
  for (size_t l = 0; l < log_count; l++)
    for (size_t r = 0; r < logs[l]->report_count; r++) {
      size_t k = 0;
      while (k < rule_count && strcmp(rules[k], logs[l]->reports[r].kind) != 0)
        k++;
      if (k == rule_count)
        rules[rule_count++] = logs[l]->reports[r].kind;
      rule_of[at++] = k;
    }
  bool unmet = false;
  for (size_t l = 0; checked && l < log_count; l++)
    for (size_t d = 0; judged(checked[l]) && d < checked[l]->verdict.diagnostic_count; d++)
      unmet |= unmet_marker(&checked[l]->verdict.diagnostics[d]);
  fputs("{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{\"tool\":{"
        "\"driver\":{\"name\":\"ThreadSanitizer\",\"version\":\"" TSAN_VERIFY_VERSION "\",\"informationUri\":"
        "\"https://clang.llvm.org/docs/ThreadSanitizer.html\",\"rules\":[",
        out);
  for (size_t k = 0; k < rule_count; k++) {
    char *id = rule_id(rules[k]);
    fputs(k ? ",{\"id\":" : "{\"id\":", out);
    write_json_string(out, id);
    fputs(",\"shortDescription\":{\"text\":", out);
    write_json_string(out, rules[k]);
    fputs("}}", out);
    free(id);
  }
  if (unmet) {
    fputs(rule_count ? ",{\"id\":" : "{\"id\":", out);
    write_json_string(out, expected_report_missing);
    fputs(",\"shortDescription\":{\"text\":\"an expect-tsan marker no report met: the report it expects did not "
          "come\"}}",
          out);
  }
  fputs("]}},", out);
  if (root) {
    char *uri = xprintf("file://%s/", root);
    fputs("\"originalUriBaseIds\":{\"SRCROOT\":{\"uri\":", out);
    write_json_string(out, uri);
    fputs("}},", out);
    free(uri);
  }
  fputs("\"results\":[", out);
  at = 0;
  bool any = false;
  for (size_t l = 0; l < log_count; l++) {
    const struct case_result *case_checked = checked ? checked[l] : NULL;
    for (size_t r = 0; r < logs[l]->report_count; r++, at++) {
      fputs(any ? "," : "", out);
      any = true;
      write_result(out, &logs[l]->reports[r], rule_of[at], root, case_checked, r);
    }
    for (size_t d = 0; judged(case_checked) && d < case_checked->verdict.diagnostic_count; d++) {
      const struct diagnostic *diagnostic = &case_checked->verdict.diagnostics[d];
      if (!unmet_marker(diagnostic))
        continue;
      fputs(any ? "," : "", out);
      any = true;
      write_unmet_marker(out, case_checked, diagnostic, rule_count, root);
    }
  }
  fputs("]}]}\n", out);
  free(rule_of);
  free(rules);
}

void write_sarif(FILE *out, const struct tsan_log *log, const char *root) { write_run(out, &log, NULL, 1, root); }

void write_sarif_cases(FILE *out, const struct case_result *results, size_t count, const char *root) {
  const struct tsan_log **logs = xcalloc(count + 1, sizeof *logs);
  const struct case_result **checked = xcalloc(count + 1, sizeof *checked);
  for (size_t i = 0; i < count; i++) {
    logs[i] = &results[i].log;
    checked[i] = &results[i];
  }
  write_run(out, logs, checked, count, root);
  free(logs);
  free(checked);
}
