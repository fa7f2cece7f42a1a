/* libFuzzer target: the marker reader. Any text must give either a spec or a "path:line: ..." message. */
#include "markers.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct case_spec spec;
  char *error = NULL;
  if (case_spec_parse("/work/cases/x/case.c", (const char *)data, size, &spec, &error) != 0) {
    if (!error || strncmp(error, "/work/cases/x/case.c:", strlen("/work/cases/x/case.c:")) != 0)
      abort(); /* errors must name the file and the line */
  } else {
    struct toolchain clang14 = {"clang", 14, OPT_O1};
    for (size_t i = 0; i < spec.marker_count; i++)
      if (spec.markers[i].line == 0)
        abort(); /* every marker applies to a real line */
    (void)spec_expects_none(&spec, &clang14);
  }
  free(error);
  case_spec_free(&spec);
  return 0;
}
