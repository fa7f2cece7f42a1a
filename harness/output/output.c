#include "output/output.h"
#include "base/util.h"
#include "report/normalize.h"
#include "source/expect.h"

#include <stdlib.h>
#include <string.h>

/* The headline without its parenthesis: "lock-order-inversion (potential deadlock)" -> 20 characters. */
static int short_kind_length(const char *kind) {
  const char *paren = strstr(kind, " (");
  return (int)(paren ? (size_t)(paren - kind) : strlen(kind));
}

static bool same_short_kind(const char *a, const char *b) {
  int n = short_kind_length(a);
  return n == short_kind_length(b) && strncmp(a, b, (size_t)n) == 0;
}

char *summarize_reports(const struct tsan_log *log) {
  struct strbuf out = {0};
  for (size_t r = 0; r < log->report_count; r++) {
    const char *kind = log->reports[r].kind;
    bool seen = false;
    for (size_t q = 0; q < r; q++)
      seen |= same_short_kind(log->reports[q].kind, kind);
    if (!seen)
      strbuf_printf(&out, "%s%.*s", out.length ? ", " : "", short_kind_length(kind), kind);
  }
  return out.length ? strbuf_release(&out) : xstrdup("none");
}

char *summarize_expected(const struct case_spec *spec, const struct toolchain *toolchain) {
  struct strbuf out = {0};
  for (size_t m = 0; m < spec->marker_count; m++) {
    const struct marker *marker = &spec->markers[m];
    if (!marker_applies(marker, toolchain))
      continue;
    bool seen = false;
    for (size_t q = 0; q < m; q++)
      seen |= marker_applies(&spec->markers[q], toolchain) && same_short_kind(spec->markers[q].kind, marker->kind);
    if (!seen)
      strbuf_printf(&out, "%s%.*s", out.length ? ", " : "", short_kind_length(marker->kind), marker->kind);
  }
  return out.length ? strbuf_release(&out) : xstrdup("-");
}

/* Text with control characters escaped: a path holding a newline cannot start a line of its own (a forged "met"). */
static void write_escaped(FILE *out, const char *text) {
  struct strbuf escaped = {0};
  strbuf_append_escaped(&escaped, text ? text : "", text ? strlen(text) : 0, false, true);
  if (escaped.data)
    fputs(escaped.data, out);
  strbuf_free(&escaped);
}

static const char *image_end_name(enum image_end end) {
  switch (end) {
  case IMAGE_RUNNING: return "running";
  case IMAGE_EXITED: return "exited";
  case IMAGE_SIGNALED: return "signaled";
  case IMAGE_EXECED: return "exec'd";
  }
  return "?";
}

void write_text(FILE *out, const struct case_result *result, bool verbose) {
  const struct verdict *verdict = &result->verdict;
  if (verbose && result->ran) {
    fprintf(out, "--- TSAN_OPTIONS=%s\n--- UBSAN_OPTIONS=%s\n--- stdout (%zu bytes)\n%s", result->tsan_options,
            result->ubsan_options ? result->ubsan_options : "", result->run.out.length, result->run.out.data);
    fprintf(out, "--- stderr (%zu bytes)\n%s", result->run.err.length, result->run.err.data);
    for (size_t i = 0; i < result->evidence.count; i++) {
      const struct process_log *entry = &result->evidence.logs[i];
      const struct process_image *image = entry->image;
      fprintf(out, "--- pid %ld, image %u (%s, %s%s, %s %d): ", image->pid, image->sequence,
              image->exe ? image->exe : "?", image->instrumented ? "TSan" : "no TSan", image->forked ? ", forked" : "",
              image_end_name(image->end), image->code);
      if (entry->present)
        fprintf(out, "TSan log (%zu bytes)\n%s", entry->bytes, entry->text);
      else
        fputs("no TSan log\n", out);
    }
    fputs("---\n", out);
  }
  for (size_t i = 0; i < result->evidence.suppression_count; i++) {
    const struct matched_suppression *match = &result->evidence.suppressions[i];
    if (match->declared) {
      fprintf(out, "%s: suppressed by the case's own \"", result->spec.path ? result->spec.path : "(case)");
      write_escaped(out, match->rule);
      fprintf(out, "\": %ld report%s (pid %ld)\n", match->count, match->count == 1 ? "" : "s", match->pid);
    }
  }
  for (size_t i = 0; i < verdict->diagnostic_count; i++) {
    const struct diagnostic *d = &verdict->diagnostics[i];
    if (d->file) {
      write_escaped(out, d->file);
      if (d->line)
        fprintf(out, ":%zu", d->line);
      fputs(": ", out);
    }
    write_escaped(out, d->message);
    fputc('\n', out);
  }
  write_escaped(out, result->spec.path ? result->spec.path : "(case)");
  /* What tells two verdicts on one case apart, when it is not the default (the harness built it at -O1): a loop over
   * levels or binaries must not print identical lines. */
  int level = result->toolchain.opt_level;
  bool named_level = level > OPT_UNKNOWN && level < OPT_LEVEL_COUNT && (result->binary || level != OPT_O1);
  if (named_level || result->binary) {
    fprintf(out, " (%s%s%s", named_level ? "-" : "", named_level ? opt_level_name(level) : "",
            named_level && result->binary ? ", " : "");
    if (result->binary) {
      fputs("binary ", out);
      write_escaped(out, result->binary);
    }
    fputc(')', out);
  }
  if (verdict->outcome == OUTCOME_MET) {
    char *reports = summarize_reports(&result->log);
    fprintf(out, ": met (reported: %s)\n", reports);
    free(reports);
  } else {
    fprintf(out, ": %s\n", outcome_name(verdict->outcome));
  }
}

static void json_key(FILE *out, const char *key) {
  write_json_string(out, key);
  fputc(':', out);
}

static void json_string_or_null(FILE *out, const char *text) {
  if (text)
    write_json_string(out, text);
  else
    fputs("null", out);
}

static void write_frame(FILE *out, const struct tsan_frame *frame, const char *case_path) {
  fputc('{', out);
  json_key(out, "index");
  fprintf(out, "%d,", frame->index);
  json_key(out, "function");
  json_string_or_null(out, frame->function);
  fputc(',', out);
  json_key(out, "file");
  json_string_or_null(out, frame->file);
  fputc(',', out);
  json_key(out, "line");
  fprintf(out, "%d,", frame->line);
  json_key(out, "column");
  fprintf(out, "%d,", frame->column);
  json_key(out, "module");
  json_string_or_null(out, frame->module);
  fputc(',', out);
  json_key(out, "in_case");
  fputs(case_path && frame->file && same_source_file(frame->file, case_path) ? "true" : "false", out);
  fputc('}', out);
}

static void write_section(FILE *out, const struct tsan_section *section, const char *case_path) {
  fputc('{', out);
  json_key(out, "kind");
  write_json_string(out, section_kind_name(section->kind));
  fputc(',', out);
  json_key(out, "title");
  write_json_string(out, section->title);
  if (section->kind == SECTION_ACCESS) {
    const struct tsan_access *a = &section->access;
    fputc(',', out);
    json_key(out, "access");
    fprintf(out, "{\"previous\":%s,\"atomic\":%s,\"write\":%s,\"size\":%d,\"thread\":", a->previous ? "true" : "false",
            a->atomic ? "true" : "false", a->write ? "true" : "false", a->size);
    json_string_or_null(out, a->thread);
    fputs(",\"mutexes\":", out);
    json_string_or_null(out, a->mutexes);
    fputc('}', out);
  }
  if (section->kind == SECTION_LOCATION) {
    fputc(',', out);
    json_key(out, "location");
    fputs("{\"kind\":", out);
    json_string_or_null(out, section->location.kind);
    fputs(",\"name\":", out);
    json_string_or_null(out, section->location.name);
    fprintf(out, ",\"size\":%ld}", section->location.size);
  }
  fputc(',', out);
  json_key(out, "frames");
  fputc('[', out);
  for (size_t i = 0; i < section->frame_count; i++) {
    if (i)
      fputc(',', out);
    write_frame(out, &section->frames[i], case_path);
  }
  fputs("]}", out);
}

void write_json_reports(FILE *out, const struct tsan_log *log, const char *case_path, const int *report_marker) {
  fputc('[', out);
  for (size_t r = 0; r < log->report_count; r++) {
    const struct tsan_report *report = &log->reports[r];
    if (r)
      fputc(',', out);
    fputc('{', out);
    json_key(out, "kind");
    write_json_string(out, report->kind);
    fprintf(out, ",\"pid\":%ld,\"log_line\":%zu,", report->pid, report->first_line);
    json_key(out, "summary");
    json_string_or_null(out, report->summary);
    if (report_marker)
      fprintf(out, ",\"marker\":%d", report_marker[r]);
    fputs(",\"sections\":[", out);
    for (size_t s = 0; s < report->section_count; s++) {
      if (s)
        fputc(',', out);
      write_section(out, &report->sections[s], case_path);
    }
    fputs("]}", out);
  }
  fputc(']', out);
}

void write_json(FILE *out, const struct case_result *result, const char *root) {
  const struct verdict *verdict = &result->verdict;
  const struct case_spec *spec = &result->spec;
  fputc('{', out);
  json_key(out, "case");
  json_string_or_null(out, spec->path);
  fputc(',', out);
  json_key(out, "toolchain");
  if (result->toolchain.family[0])
    fprintf(out, "\"%s-%d\",", result->toolchain.family, result->toolchain.major);
  else
    fputs("null,", out);
  json_key(out, "outcome");
  write_json_string(out, outcome_name(verdict->outcome));
  fprintf(out, ",\"exit_status\":%d,", (int)verdict->outcome);
  json_key(out, "markers");
  fputc('[', out);
  for (size_t m = 0; m < spec->marker_count; m++) {
    const struct marker *marker = &spec->markers[m];
    if (m)
      fputc(',', out);
    fputs("{\"file\":", out);
    json_string_or_null(out, marker_file_of(spec, marker));
    fprintf(out, ",\"line\":%zu,\"comment_line\":%zu,\"kind\":", marker->line, marker->comment_line);
    write_json_string(out, marker->kind);
    fputs(",\"note\":", out);
    json_string_or_null(out, marker->note);
    fputs(",\"toolchains\":", out);
    json_string_or_null(out, marker->selector);
    if (marker->pin == PIN_FUNCTION) {
      fputs(",\"in\":", out);
      write_json_string(out, marker->pin_function);
    } else if (marker->pin == PIN_FRAME) {
      char *at = xprintf("%s:%zu", marker->pin_file, marker->pin_line);
      fputs(",\"at\":", out);
      write_json_string(out, at);
      free(at);
    }
    int hit = verdict->marker_report ? verdict->marker_report[m] : -1;
    fprintf(out, ",\"applies\":%s,\"hit_by_report\":%d}", hit == -2 ? "false" : "true", hit < 0 ? -1 : hit);
  }
  fputs("],", out);
  json_key(out, "run");
  if (result->ran) {
    const struct run_result *run = &result->run;
    fprintf(out, "{\"end\":\"%s\",\"code\":%d,\"seconds\":%.3f,\"tsan_options\":",
            run->end == RUN_EXITED     ? "exited"
            : run->end == RUN_SIGNALED ? "signaled"
                                       : "timed out",
            run->code, run->seconds);
    write_json_string(out, result->tsan_options);
    fputs(",\"ubsan_options\":", out);
    write_json_string(out, result->ubsan_options);
    fputs(",\"stdout\":", out);
    write_json_string(out, run->out.data);
    fprintf(out, ",\"runtime_started\":%s,\"runtime_finished\":%s,\"warnings_reported\":%ld",
            result->log.runtime_started ? "true" : "false", result->log.runtime_finished ? "true" : "false",
            result->log.warnings_reported);
    fprintf(out, ",\"binary_sets_options\":%s,\"binary_sets_suppressions\":%s,\"processes\":[",
            result->evidence.binary_sets_options ? "true" : "false",
            result->evidence.binary_sets_suppressions ? "true" : "false");
    for (size_t i = 0; i < result->evidence.count; i++) {
      const struct process_log *entry = &result->evidence.logs[i];
      const struct process_image *image = entry->image;
      fprintf(out, "%s{\"pid\":%ld,\"parent\":%ld,\"image\":%u,\"exe\":", i ? "," : "", image->pid, image->parent,
              image->sequence);
      json_string_or_null(out, image->exe);
      fprintf(out,
              ",\"forked\":%s,\"instrumented\":%s,\"end\":\"%s\",\"code\":%d,\"survivor\":%s,\"log_bytes\":%zu,"
              "\"reports\":%zu,\"runtime_started\":%s,\"runtime_finished\":%s,\"warnings_reported\":%ld}",
              image->forked ? "true" : "false", image->instrumented ? "true" : "false", image_end_name(image->end),
              image->code, image->survivor ? "true" : "false", entry->present ? entry->bytes : 0, entry->report_count,
              entry->log.runtime_started ? "true" : "false", entry->log.runtime_finished ? "true" : "false",
              entry->log.warnings_reported);
    }
    fputs("],\"suppressions\":[", out);
    for (size_t i = 0; i < result->evidence.suppression_count; i++) {
      const struct matched_suppression *match = &result->evidence.suppressions[i];
      fprintf(out, "%s{\"rule\":", i ? "," : "");
      write_json_string(out, match->rule);
      fprintf(out, ",\"count\":%ld,\"pid\":%ld,\"declared\":%s}", match->count, match->pid,
              match->declared ? "true" : "false");
    }
    fputs("]},", out);
  } else {
    fputs("null,", out);
  }
  json_key(out, "reports");
  write_json_reports(out, &result->log, spec->path, verdict->report_marker);
  fputc(',', out);
  json_key(out, "normalized");
  char *normalized = normalize_log(&result->log, root);
  write_json_string(out, normalized);
  free(normalized);
  fputc(',', out);
  json_key(out, "diagnostics");
  fputc('[', out);
  for (size_t i = 0; i < verdict->diagnostic_count; i++) {
    const struct diagnostic *d = &verdict->diagnostics[i];
    if (i)
      fputc(',', out);
    fputs("{\"file\":", out);
    json_string_or_null(out, d->file);
    fprintf(out, ",\"line\":%zu,\"message\":", d->line);
    write_json_string(out, d->message);
    fputc('}', out);
  }
  fputs("]}\n", out);
}

void write_reports_text(FILE *out, const struct tsan_log *log, bool believed) {
  for (size_t r = 0; r < log->report_count; r++) {
    const struct tsan_report *report = &log->reports[r];
    fprintf(out, "%s (log line %zu)\n", report->kind, report->first_line);
    for (size_t s = 0; s < report->section_count; s++) {
      const struct tsan_section *section = &report->sections[s];
      const struct tsan_frame *frame = section_source_frame(section);
      fprintf(out, "  %s", section->title[0] ? section->title : section_kind_name(section->kind));
      if (frame)
        fprintf(out, "  [%s:%d in %s]", frame->file, frame->line, frame->function);
      fputc('\n', out);
    }
  }
  if (believed)
    fprintf(out, "%zu report%s\n", log->report_count, log->report_count == 1 ? "" : "s");
  else
    fprintf(out,
            "cannot read: %zu report%s read, and the log cannot be believed (the message below says why): not a "
            "count of what TSan reported\n",
            log->report_count, log->report_count == 1 ? "" : "s");
}
