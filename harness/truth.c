/* truth.c: stand-in (replaced at merge by the markers branch): a case's ground truth from its markers. */
#include "truth.h"
#include "readfile.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static bool line_holds_code(const char *line, size_t length, size_t comment_at) {
  for (size_t i = 0; i < length && i < comment_at; i++)
    if (!isspace((unsigned char)line[i]))
      return true;
  return false;
}

static void add_line(struct case_truth *truth, size_t *capacity, size_t line, const char *kind, size_t kind_length) {
  for (size_t i = 0; i < truth->line_count; i++)
    if (truth->lines[i].line == line && strlen(truth->lines[i].kind) == kind_length &&
        strncmp(truth->lines[i].kind, kind, kind_length) == 0)
      return;
  GROW(truth->lines, truth->line_count, *capacity);
  truth->lines[truth->line_count++] = (struct truth_line){line, xstrndup(kind, kind_length)};
}

/* The `// expect-bug: KIND [-- note]` lines: trailing code, about that line; alone, about the next line of code. */
static int read_expect_bug(const char *path, const char *text, size_t length, struct case_truth *truth,
                           size_t *capacity, char **error) {
  const char *cursor = text, *end = text + length, *line;
  size_t line_length, number = 0, pending_line = 0;
  struct strbuf pending = {0};
  bool have_pending = false;
  while (next_line(&cursor, end, &line, &line_length)) {
    number++;
    const char *comment = NULL;
    for (size_t i = 0; i + 1 < line_length; i++)
      if (line[i] == '/' && line[i + 1] == '/') {
        comment = line + i;
        break;
      }
    size_t comment_at = comment ? (size_t)(comment - line) : line_length;
    bool code = line_holds_code(line, line_length, comment_at);
    if (code && have_pending) {
      add_line(truth, capacity, number, pending.data, pending.length);
      have_pending = false;
    }
    if (!comment)
      continue;
    const char *directive = comment + 2;
    while (directive < line + line_length && *directive == ' ')
      directive++;
    static const char name[] = "expect-bug:";
    if ((size_t)(line + line_length - directive) < sizeof name - 1 || strncmp(directive, name, sizeof name - 1) != 0)
      continue;
    const char *kind = directive + sizeof name - 1, *kind_end = line + line_length;
    while (kind < kind_end && *kind == ' ')
      kind++;
    const char *note = strstr(kind, " -- ");
    if (note && note < kind_end)
      kind_end = note;
    while (kind_end > kind && isspace((unsigned char)kind_end[-1]))
      kind_end--;
    if (kind_end == kind) {
      strbuf_free(&pending);
      *error = xprintf("%s:%zu: expect-bug needs a KIND (or none)", path, number);
      return -1;
    }
    size_t kind_length = (size_t)(kind_end - kind);
    if (kind_length == 4 && strncmp(kind, "none", 4) == 0)
      continue;
    if (code) {
      add_line(truth, capacity, number, kind, kind_length);
    } else {
      if (have_pending) {
        strbuf_free(&pending);
        *error =
            xprintf("%s:%zu: expect-bug follows the one on line %zu with no code between", path, number, pending_line);
        return -1;
      }
      pending.length = 0;
      strbuf_append(&pending, kind, kind_length);
      have_pending = true;
      pending_line = number;
    }
  }
  strbuf_free(&pending);
  if (have_pending) {
    *error = xprintf("%s:%zu: expect-bug is followed by no line of code", path, pending_line);
    return -1;
  }
  return 0;
}

int case_truth_of(const struct case_spec *spec, struct case_truth *truth, char **error) {
  *truth = (struct case_truth){0};
  size_t capacity = 0;
  for (size_t i = 0; i < spec->marker_count; i++) {
    const struct marker *marker = &spec->markers[i];
    if (strcmp(marker->kind, "none") == 0 || (marker->note && starts_with(marker->note, "false positive")))
      continue;
    add_line(truth, &capacity, marker->line, marker->kind, strlen(marker->kind));
  }
  struct strbuf text;
  if (read_whole_file(spec->path, &text, error) != 0) {
    case_truth_free(truth);
    return -1;
  }
  int status = read_expect_bug(spec->path, text.data, text.length, truth, &capacity, error);
  strbuf_free(&text);
  if (status != 0) {
    case_truth_free(truth);
    return -1;
  }
  truth->buggy = truth->line_count > 0;
  return 0;
}

void case_truth_free(struct case_truth *truth) {
  for (size_t i = 0; i < truth->line_count; i++)
    free(truth->lines[i].kind);
  free(truth->lines);
  *truth = (struct case_truth){0};
}
