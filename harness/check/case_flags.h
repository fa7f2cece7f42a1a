/* case_flags.h: the compiler and the flags a case is (or was) built with, as the request tells them. */
#ifndef TSAN_VERIFY_CASE_FLAGS_H
#define TSAN_VERIFY_CASE_FLAGS_H

#include "check/verify.h"

#include <stdbool.h>

/* The compiler the request names: --cc, else $CC, else clang. */
const char *case_compiler(const struct verify_request *request);
/* Whether the harness knows the flags the case is (or was) built with: --cflags or --cflag, else the defaults when
 * the harness builds it; not for a --binary built with flags the harness was not told. */
bool case_flags_known(const struct verify_request *request);
/* Those flags as words, each relative path anchored to `here` (cflags.h): --cflags split on blanks (else the defaults
 * when the harness builds the case), then each --cflag whole, then -fopenmp when the harness builds a case whose
 * `spec` (NULL: not read yet) says uses-openmp (a --binary's own flags say how it was built). Free with free_words. */
char **case_known_flag_words(const struct verify_request *request, const struct case_spec *spec, const char *here);
/* The same, level included, read in the folder tsan-verify was started in, as the user wrote them. Free with
 * free_words. */
char **case_flag_words(const struct verify_request *request, const struct case_spec *spec);

#endif
