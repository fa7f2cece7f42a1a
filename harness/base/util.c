#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *checked(void *ptr) {
  if (!ptr) {
    fputs("tsan-verify: out of memory\n", stderr);
    exit(2);
  }
  return ptr;
}

void *xmalloc(size_t size) { return checked(malloc(size ? size : 1)); }
void *xcalloc(size_t count, size_t size) { return checked(calloc(count ? count : 1, size ? size : 1)); }
void *xrealloc(void *ptr, size_t size) { return checked(realloc(ptr, size ? size : 1)); }
char *xstrdup(const char *text) { return checked(strdup(text)); }

char *xstrndup(const char *text, size_t length) {
  char *copy = xmalloc(length + 1);
  memcpy(copy, text, length);
  copy[length] = '\0';
  return copy;
}

char *xvprintf(const char *format, va_list args) {
  /* Most messages are short: formatted once into the stack, and only a longer one a second time, at its size (the
   * explanations of a 50 MB log format millions of them). */
  char small[256];
  va_list again;
  va_copy(again, args);
  int length = vsnprintf(small, sizeof small, format, args);
  if (length < 0) {
    va_end(again);
    return xstrdup("(unprintable message)");
  }
  char *text = xmalloc((size_t)length + 1);
  if ((size_t)length < sizeof small)
    memcpy(text, small, (size_t)length + 1);
  else
    vsnprintf(text, (size_t)length + 1, format, again);
  va_end(again);
  return text;
}

char *xprintf(const char *format, ...) {
  va_list args;
  va_start(args, format);
  char *text = xvprintf(format, args);
  va_end(args);
  return text;
}

void strbuf_append(struct strbuf *buffer, const char *bytes, size_t length) {
  if (buffer->length + length + 1 > buffer->capacity) {
    size_t capacity = buffer->capacity ? buffer->capacity : 64;
    while (capacity < buffer->length + length + 1)
      capacity *= 2;
    buffer->data = xrealloc(buffer->data, capacity);
    buffer->capacity = capacity;
  }
  memcpy(buffer->data + buffer->length, bytes, length);
  buffer->length += length;
  buffer->data[buffer->length] = '\0';
}

void strbuf_puts(struct strbuf *buffer, const char *text) { strbuf_append(buffer, text, strlen(text)); }

void strbuf_printf(struct strbuf *buffer, const char *format, ...) {
  va_list args;
  va_start(args, format);
  char *text = xvprintf(format, args);
  va_end(args);
  strbuf_puts(buffer, text);
  free(text);
}

char *strbuf_release(struct strbuf *buffer) {
  char *text = buffer->data ? buffer->data : xstrdup("");
  *buffer = (struct strbuf){0};
  return text;
}

void strbuf_free(struct strbuf *buffer) {
  free(buffer->data);
  *buffer = (struct strbuf){0};
}

bool starts_with(const char *text, const char *prefix) { return strncmp(text, prefix, strlen(prefix)) == 0; }

bool next_line(const char **cursor, const char *end, const char **line, size_t *length) {
  if (*cursor >= end)
    return false;
  const char *start = *cursor;
  const char *newline = memchr(start, '\n', (size_t)(end - start));
  const char *stop = newline ? newline : end;
  *cursor = newline ? newline + 1 : end;
  *line = start;
  *length = (size_t)(stop - start);
  if (*length > 0 && start[*length - 1] == '\r')
    (*length)--;
  return true;
}

const char *path_base_name(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

char *lexical_path(const char *path) {
  char *copy = xstrdup(path);
  char **parts = xcalloc(strlen(path) + 1, sizeof *parts);
  size_t count = 0;
  for (char *save = NULL, *part = strtok_r(copy, "/", &save); part; part = strtok_r(NULL, "/", &save)) {
    if (strcmp(part, ".") == 0)
      continue;
    if (strcmp(part, "..") == 0 && count > 0 && strcmp(parts[count - 1], "..") != 0) {
      count--;
      continue;
    }
    parts[count++] = part;
  }
  struct strbuf out = {0};
  if (path[0] == '/')
    strbuf_puts(&out, "/");
  for (size_t i = 0; i < count; i++)
    strbuf_printf(&out, "%s%s", i ? "/" : "", parts[i]);
  free(parts);
  free(copy);
  return strbuf_release(&out);
}

int read_stream(FILE *file, size_t limit, struct strbuf *text) {
  char chunk[65536];
  size_t got;
  while ((got = fread(chunk, 1, sizeof chunk, file)) > 0) {
    strbuf_append(text, chunk, got);
    if (limit && text->length > limit)
      return 1;
  }
  return ferror(file) ? -1 : 0;
}

void strbuf_append_escaped(struct strbuf *buffer, const char *text, size_t length, bool quotes, bool named) {
  for (size_t i = 0; i < length; i++) {
    unsigned char c = (unsigned char)text[i];
    if (c == '\n')
      strbuf_puts(buffer, "\\n");
    else if (named && c == '\r')
      strbuf_puts(buffer, "\\r");
    else if (named && c == '\t')
      strbuf_puts(buffer, "\\t");
    else if (quotes && (c == '"' || c == '\\'))
      strbuf_printf(buffer, "\\%c", c);
    else if (c < 0x20 || c == 0x7f)
      strbuf_printf(buffer, "\\x%02x", c);
    else
      strbuf_append(buffer, (const char *)&c, 1);
  }
}

/* The length of the valid UTF-8 sequence at `p` (RFC 3629: no overlong form, no surrogate, nothing past U+10FFFF),
 * or 0 when the bytes there are none. */
size_t utf8_sequence_length(const unsigned char *p) {
  unsigned char c = p[0];
  size_t length = c < 0x80                 ? 1
                  : c >= 0xc2 && c <= 0xdf ? 2
                  : c >= 0xe0 && c <= 0xef ? 3
                  : c >= 0xf0 && c <= 0xf4 ? 4
                                           : 0;
  for (size_t i = 1; i < length; i++)
    if ((p[i] & 0xc0) != 0x80)
      return 0;
  if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] >= 0xa0) || (c == 0xf0 && p[1] < 0x90) ||
      (c == 0xf4 && p[1] >= 0x90))
    return 0;
  return length;
}
