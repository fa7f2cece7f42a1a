/* runner_output.c: TAP 14 and JUnit XML (see runner_output.h). */
#include "output/runner_output.h"
#include "base/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- TAP ---- */

/* A description on one line: TAP 14 escapes '#' (it would open a directive) and '\' with a backslash; control
 * characters are written as escapes so that a name cannot start a line of its own ("ok 9" forged by a path). */
static void tap_description(FILE *out, const char *text) {
  struct strbuf line = {0};
  strbuf_append_escaped(&line, text, strlen(text), false, true);
  for (const char *c = line.data ? line.data : ""; *c; c++) {
    if (*c == '#' || *c == '\\')
      fputc('\\', out);
    fputc(*c, out);
  }
  strbuf_free(&line);
}

/* A YAML double-quoted scalar: '"' and '\' escaped, control characters as \xNN, invalid UTF-8 as U+FFFD. */
static void yaml_string(FILE *out, const char *text) {
  fputc('"', out);
  const unsigned char *p = (const unsigned char *)text;
  while (*p) {
    size_t length = utf8_sequence_length(p);
    if (length == 0) {
      fputs("\\uFFFD", out);
      p++;
    } else if (length == 1 && (*p == '"' || *p == '\\')) {
      fprintf(out, "\\%c", *p++);
    } else if (length == 1 && (*p < 0x20 || *p == 0x7f)) {
      fprintf(out, "\\x%02x", *p++);
    } else {
      fwrite(p, 1, length, out);
      p += length;
    }
  }
  fputc('"', out);
}

void tap_begin(struct tap_writer *writer, FILE *out) {
  *writer = (struct tap_writer){.out = out};
  fputs("TAP version 14\n", out);
}

void tap_write_case(struct tap_writer *writer, const struct test_points *points) {
  FILE *out = writer->out;
  for (size_t i = 0; i < points->count && !writer->bailed; i++) {
    const struct test_point *point = &points->items[i];
    if (point->outcome == OUTCOME_CANNOT_CHECK) {
      fputs("Bail out! ", out);
      tap_description(out, point->reason ? point->reason : point->name);
      fputc('\n', out);
      writer->bailed = true;
      break;
    }
    writer->written++;
    fprintf(out, "%s %zu - ", point->outcome == OUTCOME_NOT_MET ? "not ok" : "ok", writer->written);
    tap_description(out, point->name);
    if (point->outcome == OUTCOME_SKIPPED) {
      fputs(" # SKIP ", out);
      tap_description(out, point->reason ? point->reason : "skipped");
    }
    fputc('\n', out);
    if (point->outcome == OUTCOME_NOT_MET) {
      fputs("  ---\n  message: ", out);
      yaml_string(out, point->reason ? point->reason : "not met");
      fputs("\n  severity: fail\n  ...\n", out);
    }
  }
  fflush(out);
}

void tap_bail_out(struct tap_writer *writer, const char *reason) {
  if (writer->bailed)
    return;
  fputs("Bail out! ", writer->out);
  tap_description(writer->out, reason);
  fputc('\n', writer->out);
  writer->bailed = true;
  fflush(writer->out);
}

void tap_end(struct tap_writer *writer) {
  if (!writer->bailed)
    fprintf(writer->out, "1..%zu\n", writer->written);
  fflush(writer->out);
}

/* ---- JUnit XML ---- */

/* Text for an attribute or an element: the five XML specials as entities; characters XML 1.0 cannot hold (control
 * characters but tab, LF and CR) as visible escapes; invalid UTF-8 as U+FFFD. */
static void xml_text(struct strbuf *out, const char *text) {
  const unsigned char *p = (const unsigned char *)(text ? text : "");
  while (*p) {
    size_t length = utf8_sequence_length(p);
    if (length == 0) {
      strbuf_puts(out, "\xef\xbf\xbd");
      p++;
      continue;
    }
    unsigned char c = *p;
    if (length == 1 && c == '&')
      strbuf_puts(out, "&amp;");
    else if (length == 1 && c == '<')
      strbuf_puts(out, "&lt;");
    else if (length == 1 && c == '>')
      strbuf_puts(out, "&gt;");
    else if (length == 1 && c == '"')
      strbuf_puts(out, "&quot;");
    else if (length == 1 && c == '\'')
      strbuf_puts(out, "&apos;");
    else if (length == 1 && (c == '\n' || c == '\t'))
      strbuf_printf(out, "&#%d;", c); /* kept in attributes too, where a raw one would be normalized to a space */
    else if (length == 1 && (c < 0x20 || c == 0x7f))
      strbuf_printf(out, "\\x%02x", c);
    else
      strbuf_append(out, (const char *)p, length);
    p += length;
  }
}

static void junit_case_xml(struct strbuf *xml, const struct junit_case *junit, size_t *failures, size_t *errors) {
  size_t case_failures = 0, case_errors = 0, case_skipped = 0;
  for (size_t i = 0; i < junit->points->count; i++) {
    enum outcome outcome = junit->points->items[i].outcome;
    case_failures += outcome == OUTCOME_NOT_MET;
    case_errors += outcome == OUTCOME_CANNOT_CHECK;
    case_skipped += outcome == OUTCOME_SKIPPED;
  }
  strbuf_puts(xml, "  <testsuite name=\"");
  xml_text(xml, junit->name);
  strbuf_printf(xml, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\">\n", junit->points->count,
                case_failures, case_errors, case_skipped);
  for (size_t i = 0; i < junit->points->count; i++) {
    const struct test_point *point = &junit->points->items[i];
    strbuf_puts(xml, "    <testcase classname=\"");
    xml_text(xml, junit->name);
    strbuf_puts(xml, "\" name=\"");
    xml_text(xml, point->name);
    const char *element = point->outcome == OUTCOME_NOT_MET        ? "failure"
                          : point->outcome == OUTCOME_CANNOT_CHECK ? "error"
                          : point->outcome == OUTCOME_SKIPPED      ? "skipped"
                                                                   : NULL;
    if (!element) {
      strbuf_puts(xml, "\"/>\n");
      continue;
    }
    strbuf_printf(xml, "\">\n      <%s type=\"%s\" message=\"", element, outcome_name(point->outcome));
    xml_text(xml, point->reason);
    strbuf_puts(xml, "\">");
    xml_text(xml, point->reason);
    strbuf_printf(xml, "</%s>\n    </testcase>\n", element);
  }
  strbuf_puts(xml, "  </testsuite>\n");
  *failures += case_failures;
  *errors += case_errors;
}

int junit_write(const char *path, const struct junit_case *cases, size_t count, char **error) {
  struct strbuf suites = {0};
  size_t tests = 0, failures = 0, errors = 0; /* <testsuites> has no skipped count in junit-10.xsd */
  for (size_t c = 0; c < count; c++) {
    junit_case_xml(&suites, &cases[c], &failures, &errors);
    tests += cases[c].points->count;
  }
  FILE *file = fopen(path, "we");
  if (!file) {
    *error = xprintf("--junit %s: cannot write: %s", path, strerror(errno));
    strbuf_free(&suites);
    return -1;
  }
  fprintf(file,
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"tsan-verify\" tests=\"%zu\" failures=\"%zu\" "
          "errors=\"%zu\">\n",
          tests, failures, errors);
  if (suites.data)
    fputs(suites.data, file);
  fputs("</testsuites>\n", file);
  bool failed = ferror(file) != 0;
  int saved = errno;
  if (fclose(file) != 0 && !failed) {
    failed = true;
    saved = errno;
  }
  strbuf_free(&suites);
  if (failed) {
    *error = xprintf("--junit %s: cannot write: %s", path, strerror(saved));
    return -1;
  }
  return 0;
}
