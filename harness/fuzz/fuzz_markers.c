/* libFuzzer target: the marker reader and the ground truth. Any text must give either a spec or a "path:line: ..."
 * message, and a spec either a truth or such a message. */
#include "score/truth.h"
#include "source/markers.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_CASE "/work/cases/x/case.c"

static void check_named(const char *error) {
  if (!error || strncmp(error, FUZZ_CASE ":", strlen(FUZZ_CASE ":")) != 0)
    abort(); /* errors must name the file and the line */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct case_spec spec;
  char *error = NULL;
  if (case_spec_parse(FUZZ_CASE, (const char *)data, size, &spec, &error) != 0) {
    check_named(error);
  } else {
    struct toolchain clang14 = {"clang", 14, OPT_O1};
    for (size_t i = 0; i < spec.marker_count; i++)
      if (spec.markers[i].line == 0 || spec.markers[i].line < spec.markers[i].comment_line)
        abort(); /* every marker applies to a real line, never one above its comment */
    for (size_t i = 0; i < spec.bug_count; i++)
      if (spec.bugs[i].line == 0 || spec.bugs[i].selector)
        abort();
    (void)spec_expects_none(&spec, &clang14);
    struct case_truth truth;
    if (case_truth_of(&spec, &truth, &error) != 0) {
      check_named(error);
    } else {
      if (truth.buggy != (truth.line_count > 0))
        abort();
      for (size_t i = 1; i < truth.line_count; i++)
        if (truth.lines[i - 1].line > truth.lines[i].line)
          abort(); /* sorted */
      case_truth_free(&truth);
    }
  }
  free(error);
  case_spec_free(&spec);
  return 0;
}
