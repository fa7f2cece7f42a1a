/* dialect.c: asks the compiler how it reads trigraphs, digit separators and raw strings under the case's flags. */
#include "source/dialect.h"
#include "base/util.h"
#include "process/run.h"

#include <stdlib.h>
#include <string.h>

struct c_dialect c_dialect_unknown(void) {
  return (struct c_dialect){FEATURE_UNKNOWN, FEATURE_UNKNOWN, FEATURE_UNKNOWN};
}

const char *dialect_feature_name(int index) {
  static const char *const names[] = {"trigraphs", "C23 digit separators", "raw strings"};
  return index >= 0 && index < 3 ? names[index] : "?";
}

/* Each line of the probe holds a comment that survives preprocessing (as text inside a literal) exactly when the
 * compiler reads the feature one way; the preprocessor removes real comments. So which of RAW, SEP and TRI are left in
 * its output says how it read each line:
 *   line 1: with raw strings, R"x(")x" is one raw string and RAW a comment; without, "x(" is a string and the second
 *           quote opens a string that runs to the line end, RAW inside it;
 *   line 2: with C23 digit separators, 1'2 is one number and SEP a comment; without, '2 ... ' is a character literal;
 *   line 3: with trigraphs, ??/ is a backslash that escapes the quote, so TRI is inside one string; without, TRI is a
 *           comment between two strings. */
static const char probe_text[] = "R\"x(\")x\" /*RAW*/\n1'2 /*SEP*/ '\n\"?\?/\" /*TRI*/ \"\n";

int c_dialect_probe(const char *compiler, char *const *flags, const char *folder, struct c_dialect *dialect,
                    char **error) {
  return c_dialect_probe_as(compiler, flags, folder, ".c", dialect, error);
}

int c_dialect_probe_as(const char *compiler, char *const *flags, const char *folder, const char *suffix,
                       struct c_dialect *dialect, char **error) {
  *dialect = c_dialect_unknown();
  char *probe = xprintf("%s/dialect-probe%s", folder, suffix);
  FILE *file = fopen(probe, "we");
  if (!file) {
    *error = xprintf("cannot write the dialect probe %s", probe);
    free(probe);
    return -1;
  }
  fwrite(probe_text, 1, sizeof probe_text - 1, file);
  fclose(file);
  size_t count = 0;
  while (flags && flags[count])
    count++;
  char **argv = xcalloc(count + 8, sizeof *argv);
  size_t a = 0;
  argv[a++] = (char *)compiler;
  for (size_t i = 0; i < count; i++)
    argv[a++] = flags[i];
  /* -w: the probe's unterminated literals warn, and the case's -Werror must not turn that into a failure. */
  argv[a++] = "-w";
  argv[a++] = "-E";
  argv[a++] = "-P";
  argv[a++] = probe;
  struct run_request request = {.argv = argv, .timeout_seconds = 60, .capture_limit = 1 << 16};
  struct run_result run;
  int status = -1;
  if (run_program(&request, &run, error) == 0) {
    if (run.end == RUN_EXITED && run.code == 0) {
      const char *out = run.out.data;
      dialect->raw_strings = strstr(out, "/*RAW*/") ? FEATURE_OFF : FEATURE_ON;
      dialect->digit_separators = strstr(out, "/*SEP*/") ? FEATURE_OFF : FEATURE_ON;
      dialect->trigraphs = strstr(out, "/*TRI*/") ? FEATURE_ON : FEATURE_OFF;
      status = 0;
    } else {
      size_t length = strcspn(run.err.data, "\n");
      *error = xprintf("%s could not preprocess a three-line probe with the case's flags: %.*s", compiler, (int)length,
                       length ? run.err.data : "(no message)");
    }
    run_result_free(&run);
  }
  remove(probe);
  free(probe);
  free(argv);
  return status;
}
