/* readfile.c: a whole file into memory (the scorer's runs files, corpora lists, Valgrind logs, case sources), and
 * text in the encoding its byte order mark names turned into UTF-8 (captured logs). */
#include "base/readfile.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

FILE *fopen_regular(const char *path) {
  /* O_NONBLOCK: opening a FIFO for reading waits for a writer otherwise. */
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    return NULL;
  struct stat info;
  bool known = fstat(fd, &info) == 0;
  if (!known || !S_ISREG(info.st_mode)) {
    int saved = known ? EINVAL : errno;
    close(fd);
    errno = saved;
    return NULL;
  }
  int flags = fcntl(fd, F_GETFL);
  if (flags >= 0)
    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  FILE *file = fdopen(fd, "rb");
  if (!file)
    close(fd);
  return file;
}

int read_whole_file(const char *path, struct strbuf *text, char **error) {
  *text = (struct strbuf){0};
  FILE *file = fopen_regular(path);
  if (!file) {
    *error = xprintf("%s: cannot read: %s", path, errno == EINVAL ? "not a regular file" : strerror(errno));
    return -1;
  }
  bool failed = read_stream(file, 0, text) != 0;
  int saved = errno;
  fclose(file);
  if (failed) {
    *error = xprintf("%s: cannot read: %s", path, strerror(saved));
    strbuf_free(text);
    return -1;
  }
  strbuf_append(text, "", 0); /* an empty file still gets its NUL */
  return 0;
}

int read_table_rows(const char *path, table_row_fn row, void *context, char **error) {
  struct strbuf text;
  if (read_whole_file(path, &text, error) != 0)
    return -1;
  const char *cursor = text.data, *end = cursor + text.length, *line;
  size_t length, number = 0;
  int status = 0;
  while (status == 0 && next_line(&cursor, end, &line, &length)) {
    number++;
    if (length == 0 || line[0] == '#')
      continue;
    char *copy = xstrndup(line, length);
    char *why = row(copy, context);
    if (why) {
      *error = xprintf("%s:%zu: %s", path, number, why);
      free(why);
      status = -1;
    }
    free(copy);
  }
  strbuf_free(&text);
  return status;
}

static bool starts_with_bytes(const struct strbuf *text, const char *bytes, size_t length) {
  return text->length >= length && memcmp(text->data, bytes, length) == 0;
}

/* The bytes after the mark, converted by iconv from `encoding` to UTF-8 into `text`. */
static int convert_to_utf8(struct strbuf *text, size_t mark, const char *encoding, char **error) {
  iconv_t converter = iconv_open("UTF-8", encoding);
  if (converter == (iconv_t)-1) {
    *error = xprintf("cannot decode %s: %s", encoding, strerror(errno));
    return -1;
  }
  struct strbuf utf8 = {0};
  char *in = text->data + mark;
  size_t in_left = text->length - mark;
  int status = 0;
  while (in_left > 0) {
    char chunk[65536], *out = chunk;
    size_t out_left = sizeof chunk;
    size_t converted = iconv(converter, &in, &in_left, &out, &out_left);
    int saved = errno;
    strbuf_append(&utf8, chunk, sizeof chunk - out_left);
    if (converted == (size_t)-1 && saved != E2BIG) {
      *error = xprintf("the text starts with a %s byte order mark, but byte %zu is not valid %s (%s)", encoding,
                       (size_t)(in - text->data), encoding,
                       saved == EINVAL ? "it ends inside a character" : strerror(saved));
      status = -1;
      break;
    }
  }
  iconv_close(converter);
  if (status == 0) {
    strbuf_append(&utf8, "", 0);
    strbuf_free(text);
    *text = utf8;
  } else {
    strbuf_free(&utf8);
  }
  return status;
}

int decode_marked_text(struct strbuf *text, char **error) {
  /* UTF-32's little-endian mark begins with UTF-16's: it is tested first. */
  static const struct {
    const char *mark;
    size_t length;
    const char *encoding;
  } marks[] = {
      {"\xff\xfe\x00\x00", 4, "UTF-32LE"},
      {"\x00\x00\xfe\xff", 4, "UTF-32BE"},
      {"\xff\xfe", 2, "UTF-16LE"},
      {"\xfe\xff", 2, "UTF-16BE"},
  };
  for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
    if (starts_with_bytes(text, marks[i].mark, marks[i].length))
      return convert_to_utf8(text, marks[i].length, marks[i].encoding, error);
  if (starts_with_bytes(text, "\xef\xbb\xbf", 3)) {
    memmove(text->data, text->data + 3, text->length - 3);
    text->length -= 3;
    text->data[text->length] = '\0';
  }
  return 0;
}
