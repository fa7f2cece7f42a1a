/* The helper stale_header_case.c races in: its code, inlined into the case, is this header's (principle 8's tests
 * edit it after the build, as a project edits a header between building a test and checking it). */
#ifndef HARNESS_TEST_STALE_HEADER_H
#define HARNESS_TEST_STALE_HEADER_H

static inline void stale_bump(int *counter) { *counter += 1; /* the race */ }

#endif
