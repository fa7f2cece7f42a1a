/* detect.h: one program built from C sources and run under one detector (TSan, Helgrind or DRD), its reports read
 * into a tsan_log. What the scorer uses for corpora that come without a build (SV-COMP tasks, TSV lists). */
#ifndef TSAN_VERIFY_DETECT_H
#define TSAN_VERIFY_DETECT_H

#include "report.h"

#include <stddef.h>

enum detector { DETECTOR_TSAN, DETECTOR_HELGRIND, DETECTOR_DRD };

struct detect_request {
  enum detector detector;
  char *const *sources; /* the program's C files */
  size_t source_count;
  const char *stub;      /* an extra C file linked in (the SV-COMP stub), or NULL */
  const char *compiler;  /* NULL: $CC, else "clang" */
  const char *opt_level; /* "-O1" when NULL */
  double timeout_seconds;
};

/* "tsan", "helgrind", "drd" and back; detector_from_name returns -1 for another name. */
const char *detector_name(enum detector detector);
int detector_from_name(const char *name);

/* Builds the program (with -fsanitize=thread for TSan; with -gdwarf-4 for Valgrind, whose 3.19 reads clang 14's
 * DWARF 5 poorly), runs it under the detector and parses its reports. Returns 0 when the detector watched the run
 * to its end, or -1 with *error = "source: what went wrong" (compile error, timeout, the detector did not start).
 * *interrupted_by is set when SIGINT or SIGTERM arrived. */
int detect_run(const struct detect_request *request, struct tsan_log *log, int *interrupted_by, char **error);

#endif
