/* libFuzzer target: the log reader end to end — a parsed log matched against a fixed spec, as `tsan-verify
 * parse` and the verdict do. The first bytes choose the spec's markers, the rest is the log. */
#include "report/report.h"
#include "source/expect.h"
#include "source/markers.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const specs[] = {
    "// expect-tsan: none\nint main(void) { return 0; }\n",
    "int x;\nint main(void) {\n  x = 1; // expect-tsan: data race\n  return 0;\n}\n",
    "// expect-tsan[clang]: lock-order-inversion\nint main(void) { return 0; }\n// expect-output: hello\n",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  const char *text = specs[data[0] % (sizeof specs / sizeof specs[0])];
  struct case_spec spec;
  char *error = NULL;
  if (case_spec_parse("/work/case.c", text, strlen(text), &spec, &error) != 0)
    abort(); /* the fixed specs are valid */
  struct tsan_log log;
  if (tsan_parse((const char *)data + 1, size - 1, &log, &error) == 0) {
    struct toolchain clang14 = {"clang", 14, OPT_O1};
    struct verdict verdict = {0};
    expect_check(&spec, &log, &clang14, "hello", &verdict);
    if (verdict.outcome != OUTCOME_MET && verdict.diagnostic_count == 0)
      abort(); /* a verdict that is not met must say why */
    verdict_free(&verdict);
  }
  free(error);
  tsan_log_free(&log);
  case_spec_free(&spec);
  return 0;
}
