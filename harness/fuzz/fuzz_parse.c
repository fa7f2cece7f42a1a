/* libFuzzer target: the report parser, the check of a parsed log against itself, then everything that renders a
 * parsed log (normalized text, JSON, SARIF). Whatever the bytes, parsing must either fail with a message or give a
 * log every writer can print, and the check must either trust it or say why. */
#include "output/output.h"
#include "output/sarif.h"
#include "report/normalize.h"
#include "report/report.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct tsan_log log;
  char *error = NULL;
  if (tsan_parse((const char *)data, size, &log, &error) == 0) {
    char *distrust = NULL;
    int trusted = tsan_log_check(&log, "fuzz.log", &distrust);
    if ((trusted == 0) != (distrust == NULL))
      abort(); /* a distrust must say why, and only then */
    free(distrust);
    FILE *sink = fopen("/dev/null", "w");
    char *text = normalize_log(&log, "/work");
    fputs(text, sink);
    free(text);
    write_json_reports(sink, &log, "/work/case.c", NULL);
    write_sarif(sink, &log, "/work");
    write_reports_text(sink, &log, true);
    fclose(sink);
  } else if (!error) {
    abort(); /* a failure must say why */
  }
  free(error);
  tsan_log_free(&log);
  return 0;
}
