/* patterns.c: reads the mistake patterns' data file. */
#include "explain/patterns.h"

#include "base/readfile.h"
#include "base/util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Splits `line` (NUL-terminated, writable) at tabs into at most `max` fields; returns their number. */
static size_t split_tabs(char *line, char **fields, size_t max) {
  size_t count = 0;
  char *p = line;
  while (count < max) {
    fields[count++] = p;
    char *tab = strchr(p, '\t');
    if (!tab)
      break;
    *tab = '\0';
    p = tab + 1;
  }
  return count;
}

static char *trimmed(const char *start, const char *end) {
  while (start < end && isspace((unsigned char)*start))
    start++;
  while (end > start && isspace((unsigned char)end[-1]))
    end--;
  return xstrndup(start, (size_t)(end - start));
}

/* "name", "!name", "name(argument)". */
static int parse_term(const char *text, struct pattern_term *term, char **error) {
  *term = (struct pattern_term){0};
  if (*text == '!') {
    term->negated = true;
    text++;
  }
  const char *open = strchr(text, '(');
  char *name = open ? xstrndup(text, (size_t)(open - text)) : xstrdup(text);
  term->predicate = predicate_find(name);
  if (!term->predicate) {
    *error = xprintf("unknown predicate \"%s\" (docs/EXPLAIN.md lists the vocabulary)", name);
    free(name);
    return -1;
  }
  free(name);
  if (open) {
    const char *close = strrchr(open, ')');
    if (!close || close[1] != '\0' || close == open + 1) {
      *error = xprintf("\"%s\": an argument is written name(argument), not empty", text);
      return -1;
    }
    term->argument = xstrndup(open + 1, (size_t)(close - open - 1));
  }
  if ((term->predicate->argument == ARGUMENT_NONE) != (term->argument == NULL)) {
    *error = term->argument
                 ? xprintf("predicate %s takes no argument", term->predicate->name)
                 : xprintf("predicate %s needs an argument: %s(...)", term->predicate->name, term->predicate->name);
    free(term->argument);
    term->argument = NULL;
    return -1;
  }
  return 0;
}

static int parse_premise(const char *premise, struct pattern *pattern, char **error) {
  const char *p = premise;
  while (*p) {
    const char *amp = strstr(p, " & ");
    const char *end = amp ? amp : p + strlen(p);
    char *text = trimmed(p, end);
    GROW(pattern->terms, pattern->term_count, pattern->term_capacity);
    int status = parse_term(text, &pattern->terms[pattern->term_count], error);
    free(text);
    if (status != 0)
      return -1;
    pattern->term_count++;
    p = amp ? amp + 3 : end;
  }
  if (pattern->term_count == 0) {
    *error = xstrdup("a pattern needs a premise");
    return -1;
  }
  return 0;
}

/* "folder/name_bug" (suffix "_bug") or "folder/name_fixed": one slash, letters, digits and underscores. */
static bool case_name_valid(const char *name, const char *suffix) {
  const char *slash = strchr(name, '/');
  if (!slash || slash == name || strchr(slash + 1, '/'))
    return false;
  for (const char *p = name; *p; p++)
    if (!isalnum((unsigned char)*p) && *p != '_' && *p != '/')
      return false;
  size_t length = strlen(name), suffix_length = strlen(suffix);
  return length > suffix_length && strcmp(name + length - suffix_length, suffix) == 0;
}

static struct pattern *find_pattern(struct pattern_set *set, const char *id) {
  for (size_t i = 0; i < set->count; i++)
    if (strcmp(set->patterns[i].id, id) == 0)
      return &set->patterns[i];
  return NULL;
}

static int parse_line(char *line, struct pattern_set *set, size_t *capacity, size_t line_number, char **error) {
  char *fields[6];
  size_t count = split_tabs(line, fields, 6);
  if (strcmp(fields[0], "pattern") == 0) {
    if (count != 4 || !*fields[1] || !*fields[3]) {
      *error = xstrdup("a pattern line is: pattern<TAB>ID<TAB>PREMISE<TAB>WORDS");
      return -1;
    }
    if (find_pattern(set, fields[1])) {
      *error = xprintf("pattern %s is defined twice", fields[1]);
      return -1;
    }
    GROW(set->patterns, set->count, *capacity);
    struct pattern *pattern = &set->patterns[set->count++];
    *pattern = (struct pattern){.id = xstrdup(fields[1]), .line = line_number, .words = xstrdup(fields[3])};
    return parse_premise(fields[2], pattern, error);
  }
  if (strcmp(fields[0], "case") == 0) {
    if (count != 5 || !*fields[4]) {
      *error = xstrdup("a case line is: case<TAB>PATTERN ID<TAB>MISTAKE<TAB>FIX<TAB>FIX IN ONE LINE");
      return -1;
    }
    struct pattern *pattern = find_pattern(set, fields[1]);
    if (!pattern) {
      *error = xprintf("case of pattern %s, which no line above defines", fields[1]);
      return -1;
    }
    if (!case_name_valid(fields[2], "_bug") || !case_name_valid(fields[3], "_fixed")) {
      *error = xprintf("\"%s\" and \"%s\": a case pair is folder/name_bug and folder/name_fixed", fields[2], fields[3]);
      return -1;
    }
    GROW(pattern->cases, pattern->case_count, pattern->case_capacity);
    pattern->cases[pattern->case_count++] =
        (struct pattern_case){.mistake = xstrdup(fields[2]), .fix = xstrdup(fields[3]), .fix_line = xstrdup(fields[4])};
    return 0;
  }
  *error = xprintf("\"%s\": a line is a pattern, a case, a comment (#) or empty", fields[0]);
  return -1;
}

int pattern_set_parse(const char *text, const char *path, struct pattern_set *set, char **error) {
  *set = (struct pattern_set){.path = xstrdup(path)};
  size_t capacity = 0, number = 0;
  const char *cursor = text, *end = text + strlen(text), *line;
  size_t length;
  while (next_line(&cursor, end, &line, &length)) {
    number++;
    if (length == 0 || line[0] == '#')
      continue;
    char *copy = xstrndup(line, length);
    char *why = NULL;
    int status = parse_line(copy, set, &capacity, number, &why);
    free(copy);
    if (status != 0) {
      *error = xprintf("%s:%zu: %s", path, number, why);
      free(why);
      return -1;
    }
  }
  if (set->count == 0) {
    *error = xprintf("%s: defines no pattern", path);
    return -1;
  }
  return 0;
}

int pattern_set_read(const char *path, struct pattern_set *set, char **error) {
  struct strbuf text = {0};
  if (read_whole_file(path, &text, error) != 0) {
    *set = (struct pattern_set){.path = xstrdup(path)};
    strbuf_free(&text);
    return -1;
  }
  int status = pattern_set_parse(text.data, path, set, error);
  strbuf_free(&text);
  return status;
}

char *case_header_first_sentence(const char *text) {
  while (*text == ' ' || *text == '\n')
    text++;
  if (!starts_with(text, "/*"))
    return NULL;
  const char *close = strstr(text, "*/");
  if (!close)
    return NULL;
  /* The comment's words on one line: each line's leading " * " dropped, lines joined by a space. */
  struct strbuf words = {0};
  const char *p = text + 2;
  while (p < close) {
    const char *newline = memchr(p, '\n', (size_t)(close - p));
    const char *end = newline ? newline : close;
    const char *start = p;
    while (start < end && (*start == ' ' || *start == '*'))
      start++;
    if (end > start) {
      if (words.length)
        strbuf_puts(&words, " ");
      strbuf_append(&words, start, (size_t)(end - start));
    }
    p = newline ? newline + 1 : close;
  }
  char *all = strbuf_release(&words);
  /* The first sentence: up to the first '.', '!' or '?' followed by a space or the end (ci/docsgen's summary). */
  for (char *q = all; *q; q++)
    if ((*q == '.' || *q == '!' || *q == '?') && (q[1] == ' ' || q[1] == '\0')) {
      q[1] = '\0';
      break;
    }
  char *sentence = trimmed(all, all + strlen(all));
  free(all);
  return sentence;
}

void pattern_set_take_fix_lines(struct pattern_set *set, case_text_reader *read_case, void *context) {
  for (size_t i = 0; i < set->count; i++)
    for (size_t j = 0; j < set->patterns[i].case_count; j++) {
      struct pattern_case *item = &set->patterns[i].cases[j];
      char *text = read_case(item->fix, context);
      char *sentence = text ? case_header_first_sentence(text) : NULL;
      if (sentence && *sentence) {
        free(item->fix_line);
        item->fix_line = sentence;
        item->fix_line_from_header = true;
      } else {
        free(sentence);
      }
      free(text);
    }
}

/* A case_text_reader of the files CASES/folder/name.c (context: CASES). */
static char *case_file_text(const char *fix, void *context) {
  char *path = xprintf("%s/%s.c", (const char *)context, fix);
  struct strbuf text = {0};
  char *error = NULL;
  bool read = read_whole_file(path, &text, &error) == 0;
  free(error);
  free(path);
  return read ? strbuf_release(&text) : NULL;
}

void pattern_set_read_fix_lines(struct pattern_set *set, const char *cases_dir) {
  if (cases_dir)
    pattern_set_take_fix_lines(set, case_file_text, (void *)cases_dir);
}

void pattern_set_free(struct pattern_set *set) {
  for (size_t i = 0; i < set->count; i++) {
    struct pattern *pattern = &set->patterns[i];
    free(pattern->id);
    free(pattern->words);
    for (size_t j = 0; j < pattern->term_count; j++)
      free(pattern->terms[j].argument);
    free(pattern->terms);
    for (size_t j = 0; j < pattern->case_count; j++) {
      free(pattern->cases[j].mistake);
      free(pattern->cases[j].fix);
      free(pattern->cases[j].fix_line);
    }
    free(pattern->cases);
  }
  free(set->patterns);
  free(set->path);
  *set = (struct pattern_set){0};
}
