/* readfile.c: a whole file into memory (the scorer's runs files, corpora lists, Valgrind logs, case sources). */
#include "readfile.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int read_whole_file(const char *path, struct strbuf *text, char **error) {
  *text = (struct strbuf){0};
  FILE *file = fopen(path, "rb");
  if (!file) {
    *error = xprintf("%s: cannot read: %s", path, strerror(errno));
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
