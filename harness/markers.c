/* markers.c: reads `// expect-tsan: ...` and friends out of a C file. */
#include "markers.h"
#include "report.h"
#include "suggest.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { MAX_CASE_BYTES = 16 * 1024 * 1024 };

static const char *const directives[] = {"expect-tsan", "expect-output", "tsan-options", "requires-tsan", NULL};

static char *trim(const char *text, size_t length) {
  while (length && isspace((unsigned char)*text))
    text++, length--;
  while (length && isspace((unsigned char)text[length - 1]))
    length--;
  return xstrndup(text, length);
}

/* The index just past the string or character literal that opens at line[i] (literals end with their line). */
static size_t skip_literal(const char *line, size_t length, size_t i) {
  char quote = line[i];
  for (i++; i < length && line[i] != quote; i++)
    if (line[i] == '\\')
      i++;
  return i < length ? i + 1 : length;
}

/* True when the line holds code outside comments and not only blanks. *in_comment carries a block comment from
 * line to line: `*p = 1;` is code, while " * text" inside a block comment is not. */
static bool holds_code(const char *line, size_t length, bool *in_comment) {
  bool code = false;
  for (size_t i = 0; i < length;) {
    if (*in_comment) {
      if (line[i] == '*' && i + 1 < length && line[i + 1] == '/') {
        *in_comment = false;
        i += 2;
      } else {
        i++;
      }
    } else if (line[i] == '/' && i + 1 < length && line[i + 1] == '/') {
      break;
    } else if (line[i] == '/' && i + 1 < length && line[i + 1] == '*') {
      *in_comment = true;
      i += 2;
    } else if (line[i] == '"' || line[i] == '\'') {
      code = true;
      i = skip_literal(line, length, i);
    } else {
      code |= !isspace((unsigned char)line[i]);
      i++;
    }
  }
  return code;
}

static bool kind_is_known(const char *kind) {
  for (int i = 0; tsan_known_kinds[i]; i++)
    if (starts_with(tsan_known_kinds[i], kind))
      return true;
  return false;
}

/* Finds the line's "//" comment (not one inside a literal or a block comment; in_comment: the line starts inside
 * one) and, when a directive name opens it after optional spaces, returns the directive's index; else -1. */
static int find_directive(const char *line, size_t length, bool in_comment, size_t *comment_at, size_t *name_end) {
  for (size_t i = 0; i + 1 < length;) {
    if (in_comment) {
      in_comment = !(line[i] == '*' && line[i + 1] == '/');
      i += in_comment ? 1 : 2;
      continue;
    }
    if (line[i] == '"' || line[i] == '\'') {
      i = skip_literal(line, length, i);
      continue;
    }
    if (line[i] == '/' && line[i + 1] == '*') {
      in_comment = true;
      i += 2;
      continue;
    }
    if (line[i] != '/' || line[i + 1] != '/') {
      i++;
      continue;
    }
    size_t j = i + 2;
    while (j < length && line[j] == ' ')
      j++;
    for (int d = 0; directives[d]; d++) {
      size_t n = strlen(directives[d]);
      if (length - j >= n && memcmp(line + j, directives[d], n) == 0) {
        *comment_at = i;
        *name_end = j + n;
        return d;
      }
    }
    return -1; /* the first // starts the comment; a directive must open it */
  }
  return -1;
}

static char *resolve_options(const char *path, const char *options) {
  /* suppressions=FILE is resolved against the case's folder, so the harness can run from anywhere. */
  struct strbuf out = {0};
  char *copy = xstrdup(path);
  const char *folder = dirname(copy);
  const char *p = options;
  while (*p) {
    const char *stop = p + strcspn(p, ": ");
    if (stop > p) {
      if (starts_with(p, "suppressions=") && p[strlen("suppressions=")] != '/') {
        const char *file = p + strlen("suppressions=");
        strbuf_printf(&out, "%ssuppressions=%s/%.*s", out.length ? ":" : "", folder, (int)(stop - file), file);
      } else {
        strbuf_printf(&out, "%s%.*s", out.length ? ":" : "", (int)(stop - p), p);
      }
    }
    p = *stop ? stop + 1 : stop;
  }
  free(copy);
  return strbuf_release(&out);
}

struct pending {
  size_t comment_line;
  size_t marker_index;
};

int case_spec_parse(const char *path, const char *text, size_t length, struct case_spec *spec, char **error) {
  *spec = (struct case_spec){0};
  spec->path = xstrdup(path);
  struct pending *pending = NULL; /* standalone markers waiting for the next line of code */
  size_t pending_count = 0, pending_capacity = 0;
  struct strbuf options = {0};
  const char *cursor = text, *end = text + length, *line;
  size_t line_length, number = 0;
  int status = 0;
  if (memchr(text, '\0', length)) {
    *error = xprintf("%s:1: not a text file (it holds NUL bytes)", path);
    status = -1;
    goto done;
  }
  bool in_comment = false; /* inside a block comment */
  while (status == 0 && next_line(&cursor, end, &line, &line_length)) {
    number++;
    bool starts_in_comment = in_comment;
    if (holds_code(line, line_length, &in_comment)) {
      for (size_t i = 0; i < pending_count; i++)
        spec->markers[pending[i].marker_index].line = number;
      pending_count = 0;
    }
    size_t comment_at, name_end;
    int directive = find_directive(line, line_length, starts_in_comment, &comment_at, &name_end);
    if (directive < 0)
      continue;
    bool before_comment = starts_in_comment;
    bool standalone = !holds_code(line, comment_at, &before_comment);
    const char *p = line + name_end, *stop = line + line_length;
    char *selector = NULL;
    if (p < stop && *p == '[') {
      const char *close = memchr(p, ']', (size_t)(stop - p));
      if (!close) {
        *error = xprintf("%s:%zu: unclosed '[' in the marker's toolchain selector", path, number);
        status = -1;
        break;
      }
      selector = trim(p + 1, (size_t)(close - p - 1));
      char *why = NULL;
      if (directive != 0 || selector_check(selector, &why) != 0) {
        *error = directive != 0 ? xprintf("%s:%zu: only expect-tsan markers take a [toolchain] selector", path, number)
                                : xprintf("%s:%zu: %s", path, number, why);
        free(why);
        free(selector);
        status = -1;
        break;
      }
      p = close + 1;
    }
    if (p >= stop || *p != ':') {
      *error = xprintf("%s:%zu: malformed marker: expected ':' after %s", path, number, directives[directive]);
      free(selector);
      status = -1;
      break;
    }
    p++;
    char *body = trim(p, (size_t)(stop - p));
    char *note = NULL;
    char *dashes = strstr(body, " -- ");
    if (dashes) {
      note = trim(dashes + 4, strlen(dashes + 4));
      *dashes = '\0';
      char *trimmed = trim(body, strlen(body));
      free(body);
      body = trimmed;
    }
    switch (directive) {
    case 0: { /* expect-tsan */
      if (!*body) {
        *error = xprintf("%s:%zu: marker names no kind (expected e.g. \"data race\" or \"none\")", path, number);
        status = -1;
      } else if (strcmp(body, "none") != 0 && !kind_is_known(body)) {
        char *hint = unknown_kind_hint(body);
        *error =
            xprintf("%s:%zu: unknown kind \"%s\" (not the start of any TSan headline)%s", path, number, body, hint);
        free(hint);
        status = -1;
      } else if (strcmp(body, "none") == 0 && !standalone) {
        *error = xprintf("%s:%zu: 'expect-tsan: none' is about the whole program: put it on a line of its own", path,
                         number);
        status = -1;
      }
      if (status != 0)
        break;
      GROW(spec->markers, spec->marker_count, spec->marker_capacity);
      spec->markers[spec->marker_count] = (struct marker){number, number, body, note, selector};
      body = note = selector = NULL;
      if (standalone && strcmp(spec->markers[spec->marker_count].kind, "none") != 0) {
        GROW(pending, pending_count, pending_capacity);
        pending[pending_count++] = (struct pending){number, spec->marker_count};
      }
      spec->marker_count++;
      break;
    }
    case 1: /* expect-output */
      if (!*body) {
        *error = xprintf("%s:%zu: expect-output names no text", path, number);
        status = -1;
        break;
      }
      GROW(spec->outputs, spec->output_count, spec->output_capacity);
      /* The text is kept whole, " -- " included: output may contain it. */
      spec->outputs[spec->output_count++] = (struct expected_output){number, trim(p, (size_t)(stop - p))};
      break;
    case 2: { /* tsan-options */
      char *resolved = resolve_options(path, body);
      strbuf_printf(&options, "%s%s", options.length ? ":" : "", resolved);
      free(resolved);
      break;
    }
    case 3: { /* requires-tsan */
      char *why = NULL;
      if (spec->requires) {
        *error = xprintf("%s:%zu: a second requires-tsan marker (line %zu has one)", path, number, spec->requires_line);
        status = -1;
      } else if (selector_check(body, &why) != 0) {
        *error = xprintf("%s:%zu: %s", path, number, why);
        status = -1;
      } else {
        spec->requires = body;
        spec->requires_reason = note;
        spec->requires_line = number;
        body = note = NULL;
      }
      free(why);
      break;
    }
    }
    free(body);
    free(note);
    free(selector);
  }
  if (status == 0 && pending_count > 0) {
    *error =
        xprintf("%s:%zu: marker after the last line of code: it applies to no line", path, pending[0].comment_line);
    status = -1;
  }
  if (status == 0 && spec->marker_count == 0) {
    *error = xprintf("%s:1: no expect-tsan marker: say what TSan should report (or '// expect-tsan: none')", path);
    status = -1;
  }
  /* `none` mixed with other markers that apply to the same toolchain cannot both hold. */
  for (size_t i = 0; status == 0 && i < spec->marker_count; i++) {
    const struct marker *a = &spec->markers[i];
    if (strcmp(a->kind, "none") != 0)
      continue;
    for (size_t j = 0; j < spec->marker_count; j++) {
      const struct marker *b = &spec->markers[j];
      bool overlap = !a->selector || !b->selector || strcmp(a->selector, b->selector) == 0;
      if (j != i && overlap && strcmp(b->kind, "none") != 0) {
        *error = xprintf("%s:%zu: 'expect-tsan: none' mixed with '%s' on line %zu", path, a->comment_line, b->kind,
                         b->comment_line);
        status = -1;
        break;
      }
    }
  }
done:
  spec->tsan_options = options.length ? strbuf_release(&options) : NULL;
  strbuf_free(&options);
  free(pending);
  return status;
}

int case_spec_read(const char *path, struct case_spec *spec, char **error) {
  *spec = (struct case_spec){0};
  /* O_NONBLOCK: opening a FIFO that no one writes to would otherwise wait forever. */
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  struct stat info;
  if (fd >= 0 && fstat(fd, &info) == 0 && !S_ISREG(info.st_mode) && !S_ISDIR(info.st_mode)) {
    close(fd);
    *error = xprintf("%s:1: cannot read the case: not a regular file (a FIFO, a device or a socket)", path);
    spec->path = xstrdup(path);
    return -1;
  }
  FILE *file = fd >= 0 ? fdopen(fd, "rb") : NULL;
  if (!file) {
    *error = xprintf("%s:1: cannot read the case: %s", path, strerror(errno));
    if (fd >= 0)
      close(fd);
    spec->path = xstrdup(path);
    return -1;
  }
  struct strbuf text = {0};
  int status = 0;
  int read = read_stream(file, MAX_CASE_BYTES, &text);
  if (read > 0) {
    *error = xprintf("%s:1: the case is larger than %d MiB; not a case file?", path, MAX_CASE_BYTES >> 20);
    status = -1;
  } else if (read < 0) {
    *error = xprintf("%s:1: cannot read the case: %s", path, strerror(errno));
    status = -1;
  }
  fclose(file);
  if (status == 0)
    status = case_spec_parse(path, text.data ? text.data : "", text.length, spec, error);
  else
    spec->path = xstrdup(path);
  strbuf_free(&text);
  return status;
}

void case_spec_free(struct case_spec *spec) {
  for (size_t i = 0; i < spec->marker_count; i++) {
    free(spec->markers[i].kind);
    free(spec->markers[i].note);
    free(spec->markers[i].selector);
  }
  free(spec->markers);
  for (size_t i = 0; i < spec->output_count; i++)
    free(spec->outputs[i].text);
  free(spec->outputs);
  free(spec->tsan_options);
  free(spec->requires);
  free(spec->requires_reason);
  free(spec->path);
  *spec = (struct case_spec){0};
}

bool marker_applies(const struct marker *marker, const struct toolchain *toolchain) {
  return !marker->selector || selector_matches(marker->selector, toolchain);
}

bool spec_expects_none(const struct case_spec *spec, const struct toolchain *toolchain) {
  for (size_t i = 0; i < spec->marker_count; i++)
    if (marker_applies(&spec->markers[i], toolchain) && strcmp(spec->markers[i].kind, "none") == 0)
      return true;
  return false;
}
