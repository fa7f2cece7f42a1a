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

static void write_physical(FILE *out, const struct tsan_frame *frame, const char *root) {
  size_t n = root ? strlen(root) : 0;
  char *file = frame_path(frame->file);
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
  fprintf(out, "},\"region\":{\"startLine\":%d", frame->line);
  if (frame->column > 0)
    fprintf(out, ",\"startColumn\":%d", frame->column);
  fputs("}}", out);
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

static void write_result(FILE *out, const struct tsan_report *report, size_t rule_index, const char *root) {
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
  fputs("]}]}", out);
  if (first_flow) {
    /* A report without any stack cannot carry a codeFlow with empty threadFlows; SARIF requires one or more. */
  }
  free(id);
}

void write_sarif(FILE *out, const struct tsan_log *log, const char *root) { write_sarif_logs(out, &log, 1, root); }

void write_sarif_logs(FILE *out, const struct tsan_log *const *logs, size_t log_count, const char *root) {
  size_t total = 0;
  for (size_t l = 0; l < log_count; l++)
    total += logs[l]->report_count;
  /* Rules: the distinct kinds, in order of first appearance. */
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
  for (size_t l = 0; l < log_count; l++)
    for (size_t r = 0; r < logs[l]->report_count; r++, at++) {
      fputs(at ? "," : "", out);
      write_result(out, &logs[l]->reports[r], rule_of[at], root);
    }
  fputs("]}]}\n", out);
  free(rule_of);
  free(rules);
}
