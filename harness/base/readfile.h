/* readfile.h: a whole file into memory, with an error that names it. */
#ifndef TSAN_VERIFY_READFILE_H
#define TSAN_VERIFY_READFILE_H

#include "base/util.h"

#include <stdio.h>

/* Opens `path` for reading only when it is a regular file: a FIFO, a device or a socket named where a file is
 * expected (a leftover log pipe, /dev/stdin) would block the harness in open() or read() for ever, beyond any
 * timeout. Returns NULL with errno set (EINVAL for a file that is not regular). */
FILE *fopen_regular(const char *path);

/* Reads all of `path` into `text` (NUL-terminated, never NULL data on success). Returns 0, or -1 with
 * *error = "path: cannot read: reason" and `text` left empty. */
int read_whole_file(const char *path, struct strbuf *text, char **error);

/* What a table file's row says: NULL when it is read, else why it cannot be (allocated; the reader adds "path:LINE: "
 * before it). `line` is a NUL-terminated copy of the row, without its line end, that the function may change. */
typedef char *(*table_row_fn)(char *line, void *context);

/* Reads the table file at `path` a row at a time: every line but the empty ones and the '#' comments goes to `row`,
 * in order, until a row gives a reason. Returns 0, or -1 with *error: the file cannot be read, or
 * "path:LINE: reason" of the first row that cannot be. */
int read_table_rows(const char *path, table_row_fn row, void *context, char **error);

/* Text as UTF-8, decided by what its first bytes say it is: a UTF-32 or UTF-16 byte order mark (Windows tools,
 * PowerShell's `>`, write one) is decoded to UTF-8 in place, and UTF-8's own mark is dropped; other text is left
 * as it is. Returns 0, or -1 with *error saying why the marked text is not valid in its encoding. */
int decode_marked_text(struct strbuf *text, char **error);

#endif
