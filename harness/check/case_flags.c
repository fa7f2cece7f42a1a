/* case_flags.c: the compiler and the flags a case is (or was) built with (case_flags.h). */
#include "check/case_flags.h"
#include "base/util.h"
#include "source/cflags.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char default_cflags[] = "-fsanitize=thread -g -pthread";

const char *case_compiler(const struct verify_request *request) {
  if (request->compiler)
    return request->compiler;
  const char *cc = getenv("CC");
  return cc && *cc ? cc : "clang";
}

bool case_flags_known(const struct verify_request *request) {
  return request->cflags || (request->cflag_words && request->cflag_words[0]) || !request->binary;
}

char **case_known_flag_words(const struct verify_request *request, const char *here) {
  const char *flags = request->cflags ? request->cflags : request->binary ? "" : default_cflags;
  return cflags_words_with(flags, request->cflag_words, here);
}

char **case_flag_words(const struct verify_request *request) {
  char *here = getcwd(NULL, 0);
  char **words = case_known_flag_words(request, here ? here : ".");
  free(here);
  size_t n = 0;
  while (words[n])
    n++;
  char **flags = xcalloc(n + 2, sizeof *flags);
  memcpy(flags, words, n * sizeof *flags);
  free(words);
  const char *level = request->opt_level ? request->opt_level : request->binary ? NULL : "-O1";
  if (level)
    flags[n] = xstrdup(level);
  return flags;
}
