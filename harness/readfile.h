/* readfile.h: a whole file into memory, with an error that names it. */
#ifndef TSAN_VERIFY_READFILE_H
#define TSAN_VERIFY_READFILE_H

#include "util.h"

/* Reads all of `path` into `text` (NUL-terminated, never NULL data on success). Returns 0, or -1 with
 * *error = "path: cannot read: reason" and `text` left empty. */
int read_whole_file(const char *path, struct strbuf *text, char **error);

#endif
