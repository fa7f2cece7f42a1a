/* util.h: growable strings and checked allocation, shared by every harness file. */
#ifndef TSAN_VERIFY_UTIL_H
#define TSAN_VERIFY_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Out of memory is the one error not returned as a value: there is nothing sensible left to do. */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *text);
char *xstrndup(const char *text, size_t length);
char *xprintf(const char *format, ...) __attribute__((format(printf, 1, 2)));
char *xvprintf(const char *format, va_list args);

/* Appends to a growable array: GROW(items, count, capacity) makes room for one more. */
#define GROW(items, count, capacity)                                                                                   \
  do {                                                                                                                 \
    if ((count) == (capacity)) {                                                                                       \
      (capacity) = (capacity) ? 2 * (capacity) : 8;                                                                    \
      (items) = xrealloc((items), (capacity) * sizeof *(items));                                                       \
    }                                                                                                                  \
  } while (0)

struct strbuf {
  char *data;
  size_t length;
  size_t capacity;
};

void strbuf_append(struct strbuf *buffer, const char *bytes, size_t length);
void strbuf_puts(struct strbuf *buffer, const char *text);
void strbuf_printf(struct strbuf *buffer, const char *format, ...) __attribute__((format(printf, 2, 3)));
/* Appends `length` bytes of `text` with control characters escaped ("\\n", "\\x1b"), so that it stays on one line:
 * with `quotes`, '"' and '\\' are escaped too (text inside a quoted excerpt); with `named`, tab and carriage return
 * are written "\\t" and "\\r" rather than as hex. */
void strbuf_append_escaped(struct strbuf *buffer, const char *text, size_t length, bool quotes, bool named);
/* Returns the text (never NULL) and leaves the buffer empty; the caller frees it. */
char *strbuf_release(struct strbuf *buffer);
void strbuf_free(struct strbuf *buffer);

/* Reads all of `file` into `text`: 0, or -1 on a read error (errno set), or 1 once more than `limit` bytes came
 * (limit 0: no limit). */
int read_stream(FILE *file, size_t limit, struct strbuf *text);

bool starts_with(const char *text, const char *prefix);
/* The last component of `path` ("c.c" of "a/b/c.c"), inside `path`; the whole of a path without a slash. */
const char *path_base_name(const char *path);
/* "a/./b/../c.c" -> "a/c.c", purely lexically (no file system access); the caller frees the result. */
char *lexical_path(const char *path);
/* A line of `text` at a time: returns its length (without \n or \r\n), advances *cursor; false at the end. */
bool next_line(const char **cursor, const char *end, const char **line, size_t *length);

/* The length of the valid UTF-8 sequence at `p` (RFC 3629: no overlong form, no surrogate, nothing past U+10FFFF,
 * so no lead byte 0xF5-0xFF), or 0 when the bytes there are none. Every writer of text in UTF-8 formats uses it. */
size_t utf8_sequence_length(const unsigned char *p);

#endif
