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

char **case_known_flag_words(const struct verify_request *request, const struct case_spec *spec, const char *here) {
  const char *flags = request->cflags ? request->cflags : request->binary ? "" : default_cflags;
  char **words = cflags_words_with(flags, request->cflag_words, here);
  if (!spec || !spec->openmp_line || request->binary)
    return words;
  /* An OpenMP case: -fopenmp makes the compiler read its pragmas and links the toolchain's OpenMP runtime (libomp
   * for clang, libgomp for gcc); both builds of the case, this one and tsan_verify_add_test's, add it. */
  size_t n = 0;
  while (words[n])
    n++;
  words = xrealloc(words, (n + 2) * sizeof *words);
  words[n] = xstrdup("-fopenmp");
  words[n + 1] = NULL;
  return words;
}

char **case_flag_words(const struct verify_request *request, const struct case_spec *spec) {
  char *here = getcwd(NULL, 0);
  char **words = case_known_flag_words(request, spec, here ? here : ".");
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
