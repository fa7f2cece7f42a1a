/* linemap.c: the compiler's line map (its -E line markers, the binary's DWARF line table) against the case's lines. */
#include "source/linemap.h"
#include "base/util.h"
#include "source/expect.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct frame {
  char *file;
  size_t next;         /* the line the next line of output comes from */
  size_t last_content; /* the last line output with something on it came from */
  size_t split_line;   /* a line gcc split around a system header's macro (flag 3), or 0 */
};

struct mapper {
  const struct case_spec *spec;
  char *main_file; /* the case, as the compiler names it in its first line marker */
  bool started;    /* the case's first line has been reached */
  struct frame *stack;
  size_t depth, capacity;
  size_t *claims; /* per output line: the case's line it comes from, 0 when another file's */
  size_t claim_count, claim_capacity;
  char *error;
};

static void fail(struct mapper *m, size_t line, const char *format, ...) __attribute__((format(printf, 3, 4)));
static void fail(struct mapper *m, size_t line, const char *format, ...) {
  if (m->error)
    return;
  va_list args;
  va_start(args, format);
  char *what = xvprintf(format, args);
  va_end(args);
  m->error = xprintf("%s:%zu: %s", m->spec->path, line ? line : 1, what);
  free(what);
}

static unsigned flags_of(const struct case_spec *spec, size_t line) {
  return line >= 1 && line <= spec->line_count ? spec->line_flags[line - 1] : 0;
}

/* A line that gives no output under -E -C: blank, part of a directive (its comments go with it), or inside an #if
 * group, which the preprocessor may have skipped. */
static bool gives_no_output(unsigned flags) {
  if (flags & LINE_CONDITIONAL)
    return true;
  if (flags & (LINE_CODE | LINE_KEPT_DIRECTIVE))
    return false;
  return !(flags & LINE_COMMENT) || (flags & LINE_DIRECTIVE);
}

/* Output the compiler attributes to `line`: the line must exist and hold something the compiler passes on. */
static bool gives_output(unsigned flags) {
  return (flags & (LINE_CODE | LINE_KEPT_DIRECTIVE)) || ((flags & LINE_COMMENT) && !(flags & LINE_DIRECTIVE));
}

static const char renumbered[] = "a #line directive (in some spelling) or an included file renumbers the case's lines, "
                                 "so TSan would report lines that are not the file's";

/* The case's line map moves on to `to`: never back to a line something was already output from (a blank line of
 * output may be taken back: gcc writes one before a file's first comment), and forward only over lines without
 * output. */
static void jump(struct mapper *m, struct frame *frame, size_t to, bool system) {
  size_t from = frame->next;
  /* gcc splits a line around a macro from a system header: "# 23 FILE 3 4", the expansion, "# 23 FILE", the rest of
   * line 23. Only that flag lets the map restate the line it has just output. */
  bool split = to == frame->last_content && (system || frame->split_line == to);
  frame->split_line = system ? to : 0;
  if (split)
    return;
  if (to <= frame->last_content) {
    fail(m, from > 1 ? from - 1 : 1, "the compiler counts the next line as line %zu, not %zu: %s", to, from,
         renumbered);
    return;
  }
  for (size_t line = from; line < to && !m->error; line++)
    if (line > m->spec->line_count || !gives_no_output(flags_of(m->spec, line)))
      fail(m, from > 1 ? from - 1 : 1,
           "the compiler counts line %zu as line %zu (it skips line %zu, which holds code): %s", from, to, line,
           renumbered);
}

static void claim(struct mapper *m, size_t line, bool content) {
  GROW(m->claims, m->claim_count, m->claim_capacity);
  m->claims[m->claim_count++] = line;
  if (!content || line == 0 || m->error)
    return;
  if (line > m->spec->line_count)
    fail(m, m->spec->line_count, "the compiler puts code on line %zu, past the file's last line (%zu): %s", line,
         m->spec->line_count, renumbered);
  else if (!gives_output(flags_of(m->spec, line)))
    fail(m, line, "the compiler puts code on this line, which holds none in the file: %s", renumbered);
}

/* Whether `file` is the case as the report matcher sees it (expect.c): the same real path, or a path that names it. A
 * #line naming "/abs/case.c" for a case compiled as "case.c" renumbers the case all the same. */
static bool is_main(const struct mapper *m, const char *file) {
  return m->main_file && (strcmp(file, m->main_file) == 0 || same_source_file(file, m->main_file));
}

/* `# N "FILE" FLAGS`: the number, the file (escapes undone) and the flags (1 enter, 2 return). False when the line is
 * not a line marker. */
static bool read_line_marker(const char *line, size_t length, size_t *number, char **file, bool *enter, bool *leave,
                             bool *system) {
  size_t i = 0;
  if (length < 4 || line[0] != '#' || line[1] != ' ' || !isdigit((unsigned char)line[2]))
    return false;
  *number = 0;
  for (i = 2; i < length && isdigit((unsigned char)line[i]); i++)
    *number = *number * 10 + (size_t)(line[i] - '0');
  if (i + 1 >= length || line[i] != ' ' || line[i + 1] != '"')
    return false;
  struct strbuf name = {0};
  for (i += 2; i < length && line[i] != '"'; i++) {
    char c = line[i];
    if (c == '\\' && i + 1 < length) {
      c = line[++i];
      if (c >= '0' && c <= '7') {
        int value = 0;
        for (int digits = 0; digits < 3 && i < length && line[i] >= '0' && line[i] <= '7'; digits++, i++)
          value = value * 8 + (line[i] - '0');
        i--;
        c = (char)value;
      }
    }
    strbuf_append(&name, &c, 1);
  }
  strbuf_append(&name, "", 0);
  *file = strbuf_release(&name);
  *enter = *leave = *system = false;
  for (i++; i < length; i++)
    if (line[i] != ' ' && (i + 1 == length || line[i + 1] == ' ')) {
      *enter |= line[i] == '1' && line[i - 1] == ' ';
      *leave |= line[i] == '2' && line[i - 1] == ' ';
      *system |= line[i] == '3' && line[i - 1] == ' ';
    }
  return true;
}

static void push(struct mapper *m, char *file, size_t next) {
  GROW(m->stack, m->depth, m->capacity);
  m->stack[m->depth++] = (struct frame){file, next, 0, 0};
}

static void on_line_marker(struct mapper *m, size_t number, char *file, bool enter, bool leave, bool system) {
  if (!m->main_file) {
    m->main_file = xstrdup(file);
    m->started = number >= 1;
    push(m, file, number);
    return;
  }
  struct frame *top = &m->stack[m->depth - 1];
  if (enter) {
    push(m, file, number);
    return;
  }
  if (leave) {
    /* The file being left is the top one, whatever its name: a case that includes itself (an X-macro's second pass)
     * returns to the same file it leaves. */
    if (m->depth > 1) {
      free(m->stack[m->depth - 1].file);
      m->depth--;
    }
    while (m->depth > 1 && strcmp(m->stack[m->depth - 1].file, file) != 0) {
      free(m->stack[m->depth - 1].file);
      m->depth--;
    }
    top = &m->stack[m->depth - 1];
    if (is_main(m, file) && is_main(m, top->file))
      jump(m, top, number, false);
    free(top->file);
    top->file = file;
    top->next = number;
    return;
  }
  /* No flag: a jump over lines the preprocessor did not copy, or a #line. Before the case's first line, gcc names
   * its built-in preamble (<built-in>, <command-line>) this way. */
  if (!m->started) {
    m->started = is_main(m, file) && number >= 1;
  } else if (is_main(m, top->file) && is_main(m, file)) {
    jump(m, top, number, system);
  } else if (is_main(m, top->file)) {
    fail(m, top->next > 1 ? top->next - 1 : 1,
         "a #line directive (in some spelling) names another file (\"%s\"), so the case's code would be reported as "
         "that file's",
         file);
  } else if (is_main(m, file)) {
    fail(m, number,
         "a #line directive in \"%s\" (a file the case includes) names the case, so that file's code would be "
         "reported on the case's lines",
         top->file);
  }
  if (strcmp(top->file, file) != 0)
    top->last_content = 0;
  free(top->file);
  top->file = file;
  top->next = number;
}

int linemap_check_preprocessed(const struct case_spec *spec, const char *output, size_t length,
                               const struct c_dialect *dialect, char **error) {
  struct mapper m = {.spec = spec};
  const char *cursor = output, *end = output + length, *line;
  size_t line_length;
  while (!m.error && next_line(&cursor, end, &line, &line_length)) {
    size_t number;
    char *file;
    bool enter, leave, system;
    if (read_line_marker(line, line_length, &number, &file, &enter, &leave, &system)) {
      claim(&m, 0, false);
      on_line_marker(&m, number, file, enter, leave, system);
      continue;
    }
    struct frame *top = m.depth ? &m.stack[m.depth - 1] : NULL;
    bool content = false;
    for (size_t i = 0; i < line_length && !content; i++)
      content = !isspace((unsigned char)line[i]);
    /* gcc's driver passes -g3 on to the preprocessor (`gcc -dumpspecs`, cpp_options: %{g*}), which then echoes each
     * #define and #undef of the file as -dD does (measured with gcc 11 and 12; tsan_verify_add_test builds gcc
     * programs with -g3): the directive's own line, not code on it. */
    if (content && top && is_main(&m, top->file) && top->next <= spec->line_count &&
        (flags_of(spec, top->next) & LINE_DIRECTIVE) &&
        ((line_length > 8 && strncmp(line, "#define ", 8) == 0) ||
         (line_length > 7 && strncmp(line, "#undef ", 7) == 0)))
      content = false;
    claim(&m, top && is_main(&m, top->file) ? top->next : 0, content);
    if (top && content)
      top->last_content = top->next;
    if (top)
      top->next++;
  }
  /* Both readings must find the same marker comments on the same lines. */
  size_t *found = NULL;
  size_t found_count = m.error ? 0 : marker_comment_lines(output, length, dialect, &found);
  unsigned char *compiler_markers = xcalloc(spec->line_count + 2, 1);
  for (size_t i = 0; i < found_count && !m.error; i++) {
    size_t at = found[i] <= m.claim_count ? m.claims[found[i] - 1] : 0;
    if (at == 0)
      continue;
    if (at > spec->line_count || !(flags_of(spec, at) & LINE_MARKER))
      fail(&m, at,
           "the compiler reads a marker comment on this line that the harness's reader does not (the two readings "
           "of the file disagree: a raw string, a trigraph, a digit separator or a line splice?)");
    else
      compiler_markers[at] = 1;
  }
  for (size_t at = 1; at <= spec->line_count && !m.error; at++)
    if ((flags_of(spec, at) & LINE_MARKER) && !compiler_markers[at])
      fail(&m, at,
           "the compiler does not see this marker's comment on this line: it is in code the preprocessor skips (an "
           "#if group), or the compiler reads the line differently (a raw string, a trigraph, a digit separator)");
  free(compiler_markers);
  free(found);
  if (m.claim_count == 0 && !m.error)
    fail(&m, 1, "the compiler's preprocessed output is empty: cannot map the case's lines");
  for (size_t i = 0; i < m.depth; i++)
    free(m.stack[i].file);
  free(m.stack);
  free(m.claims);
  free(m.main_file);
  if (m.error) {
    *error = m.error;
    return -1;
  }
  return 0;
}

int linemap_check_dwarf(const struct case_spec *spec, const char *binary, const size_t *lines, size_t count,
                        char **error) {
  for (size_t i = 0; i < count; i++) {
    size_t line = lines[i];
    if (line == 0) /* code the compiler made, attributed to no line */
      continue;
    if (line > spec->line_count || !(flags_of(spec, line) & (LINE_CODE | LINE_KEPT_DIRECTIVE))) {
      *error = xprintf("%s:%zu: the debug information of %s (its DWARF line table) puts code on line %zu, which %s: "
                       "a #line directive renumbered the lines, or the binary was built from another version of the "
                       "file",
                       spec->path, line > spec->line_count ? spec->line_count : line, binary, line,
                       line > spec->line_count ? "is past the file's last line" : "holds no code in the file");
      return -1;
    }
  }
  return 0;
}
