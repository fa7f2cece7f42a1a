/* runner_output.h: test points (testpoints.h) in the formats test runners read.
 *
 * TAP version 14 (testanything.org, "TAP 14 specification"): one "ok N - NAME" / "not ok N - NAME" per point, with a
 * YAML block ("  ---" ... "  ...") that says why a point is not ok; a skipped case is "ok N - NAME # SKIP reason"; the
 * plan "1..N" comes last, since the points are written as each case ends. A case that cannot be checked is
 * "Bail out! reason": not a failure of the code under test but a test that cannot run, which runners report as an
 * error (Automake's tap-driver: ERROR; Meson: ERROR), never as a pass or a plain failure; nothing follows it.
 *
 * JUnit XML, the Ant/Surefire form Jenkins and GitLab read (the schema of Jenkins' xunit plugin, junit-10.xsd): one
 * <testsuite> per case, one <testcase> per point; not ok is <failure>, cannot check <error>, skipped <skipped>. */
#ifndef TSAN_VERIFY_RUNNER_OUTPUT_H
#define TSAN_VERIFY_RUNNER_OUTPUT_H

#include "check/testpoints.h"

#include <stdbool.h>
#include <stdio.h>

struct tap_writer {
  FILE *out;
  size_t written; /* points so far */
  bool bailed;    /* "Bail out!" was written: the stream is over */
};

void tap_begin(struct tap_writer *writer, FILE *out);
/* The points of one case; after a bail-out, nothing. */
void tap_write_case(struct tap_writer *writer, const struct test_points *points);
/* "Bail out! reason" when something after the points fails the run (a report file that cannot be written): the
 * stream must not end as a pass while the exit status says cannot check. Nothing after it, as above. */
void tap_bail_out(struct tap_writer *writer, const char *reason);
/* The plan, unless the stream bailed out. */
void tap_end(struct tap_writer *writer);

/* One case's points with its name, for JUnit. */
struct junit_case {
  const char *name;
  const struct test_points *points;
};

/* Writes the JUnit XML document of `count` cases to `path`. Returns 0, or -1 with *error (the file cannot be written).
 */
int junit_write(const char *path, const struct junit_case *cases, size_t count, char **error);

#endif
