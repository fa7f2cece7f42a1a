/* testpoints.h: a case's verdict as the test points a test runner counts (TAP, JUnit): one per marker the toolchain
 * applies, one per thing that was not met (an unexpected report, a marker no report hit, an output or exit status
 * that differs), and for a case that cannot be checked or is skipped, one point that says why. The points pass
 * exactly when the verdict is met: they are derived from the verdict's own diagnostics, never judged again. */
#ifndef TSAN_VERIFY_TESTPOINTS_H
#define TSAN_VERIFY_TESTPOINTS_H

#include "check/verify.h"

struct test_point {
  enum outcome outcome; /* MET (ok), NOT_MET (not ok), CANNOT_CHECK or SKIPPED (the case's single point) */
  char *name;           /* "racy.c:27: data race", "racy.c:40: unexpected data race: ..." */
  char *reason;         /* why it is not ok, cannot be checked or is skipped; NULL when ok */
};

struct test_points {
  struct test_point *items;
  size_t count, capacity;
};

/* The points of `result`, whose final outcome is `outcome` (--repeat may make it worse than the result's own
 * verdict; `why_worse` then says why, else NULL). */
void test_points_of_case(const struct case_result *result, enum outcome outcome, const char *why_worse,
                         struct test_points *points);
void test_points_free(struct test_points *points);

#endif
