/* options.c: sanitizer options read as compiler-rt's FlagParser reads them (see options.h). */
#include "runner/options.h"
#include "base/readfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* FlagParser::ParseFile reads at most Max(kMaxIncludeSize, page size) bytes: 1 << 15 on x86-64's 4 KiB pages. */
enum { MAX_INCLUDE_BYTES = 1 << 15, MAX_INCLUDE_DEPTH = 32 };

/* FlagParser::is_space. */
static bool is_separator(char c) { return c == ' ' || c == ',' || c == ':' || c == '\n' || c == '\t' || c == '\r'; }

void options_add(struct option_list *list, const char *name, const char *value) {
  GROW(list->items, list->count, list->capacity);
  list->items[list->count++] = (struct option){xstrdup(name), xstrdup(value)};
}

static int read_text(const char *text, const char *origin, unsigned depth, struct option_list *list, char **error);

/* include=FILE or include_if_exists=FILE, as FlagHandlerInclude::Parse and FlagParser::ParseFile do it. */
static int read_include(const char *path, bool if_exists, const char *origin, unsigned depth, struct option_list *list,
                        char **error) {
  if (strchr(path, '%')) {
    *error = xprintf("%s: %s=%s names its file with %%b, %%d or %%p, which the runtime replaces in each process; the "
                     "harness reads the options once for every process: name the file itself",
                     origin, if_exists ? "include_if_exists" : "include", path);
    return -1;
  }
  if (depth >= MAX_INCLUDE_DEPTH) {
    *error = xprintf("%s: include=%s nests includes more than %d deep (does a file include itself?)", origin, path,
                     MAX_INCLUDE_DEPTH);
    return -1;
  }
  FILE *file = fopen_regular(path);
  if (!file && errno == EINVAL) {
    *error = xprintf("%s: %s=%s is not a regular file (a FIFO, a device): the runtime would wait on it, and so would "
                     "the harness, which reads the options every process gets",
                     origin, if_exists ? "include_if_exists" : "include", path);
    return -1;
  }
  if (!file) {
    if (if_exists)
      return 0;
    /* The runtime's own words (FlagParser::ParseFile), then its fatal "Flag parsing failed." */
    *error = xprintf("%s: include=%s: Failed to read options from '%s': %s", origin, path, path, strerror(errno));
    return -1;
  }
  char *data = xmalloc(MAX_INCLUDE_BYTES + 1);
  size_t length = fread(data, 1, MAX_INCLUDE_BYTES, file);
  bool failed = ferror(file);
  int saved_errno = errno;
  fclose(file);
  if (failed) {
    free(data);
    if (if_exists)
      return 0;
    *error = xprintf("%s: include=%s: Failed to read options from '%s': %s", origin, path, path, strerror(saved_errno));
    return -1;
  }
  data[length] = '\0'; /* the runtime parses it as a C string: a NUL byte ends it */
  int status = read_text(data, path, depth + 1, list, error);
  free(data);
  return status;
}

/* FlagParser::parse_flags, one assignment at a time. */
static int read_text(const char *text, const char *origin, unsigned depth, struct option_list *list, char **error) {
  const char *p = text ? text : "";
  for (;;) {
    while (is_separator(*p))
      p++;
    if (!*p)
      return 0;
    const char *name = p;
    while (*p && *p != '=' && !is_separator(*p))
      p++;
    if (*p != '=') {
      *error = xprintf("%s: expected '=' after \"%.*s\" (the runtime stops on it)", origin, (int)(p - name), name);
      return -1;
    }
    char *key = xstrndup(name, (size_t)(p - name));
    p++;
    char *value;
    if (*p == '"' || *p == '\'') {
      char quote = *p++;
      const char *end = strchr(p, quote);
      if (!end) {
        *error = xprintf("%s: unterminated string in the value of %s (a %c opens it and none closes it; the runtime "
                         "stops on it)",
                         origin, key, quote);
        free(key);
        return -1;
      }
      value = xstrndup(p, (size_t)(end - p));
      p = end + 1; /* no separator is required after a closing quote */
    } else {
      const char *start = p;
      while (*p && !is_separator(*p))
        p++;
      value = xstrndup(start, (size_t)(p - start));
    }
    int status = 0;
    if (strcmp(key, "include") == 0 || strcmp(key, "include_if_exists") == 0)
      status = read_include(value, key[strlen("include")] != '\0', origin, depth, list, error);
    else
      options_add(list, key, value);
    free(key);
    free(value);
    if (status != 0)
      return status;
  }
}

int options_read(const char *text, const char *origin, struct option_list *list, char **error) {
  return read_text(text, origin, 0, list, error);
}

const char *options_last(const struct option_list *list, const char *name) {
  for (size_t i = list->count; i > 0; i--)
    if (strcmp(list->items[i - 1].name, name) == 0)
      return list->items[i - 1].value;
  return NULL;
}

void options_write(struct strbuf *out, const struct option_list *list) {
  for (size_t i = 0; i < list->count; i++) {
    const char *value = list->items[i].value;
    bool bare = *value != '"' && *value != '\'';
    for (const char *c = value; *c && bare; c++)
      bare = !is_separator(*c);
    /* A quoted value cannot hold its own quote, and an unquoted one cannot start with one: whichever quote the
     * value lacks encloses it. */
    char quote = strchr(value, '"') ? '\'' : '"';
    if (bare)
      strbuf_printf(out, "%s%s=%s", out->length ? ":" : "", list->items[i].name, value);
    else
      strbuf_printf(out, "%s%s=%c%s%c", out->length ? ":" : "", list->items[i].name, quote, value, quote);
  }
}

int option_bool(const char *value) {
  if (!value)
    return -1;
  if (strcmp(value, "1") == 0 || strcmp(value, "yes") == 0 || strcmp(value, "true") == 0)
    return 1;
  if (strcmp(value, "0") == 0 || strcmp(value, "no") == 0 || strcmp(value, "false") == 0)
    return 0;
  return -1;
}

void option_list_free(struct option_list *list) {
  for (size_t i = 0; i < list->count; i++) {
    free(list->items[i].name);
    free(list->items[i].value);
  }
  free(list->items);
  *list = (struct option_list){0};
}
